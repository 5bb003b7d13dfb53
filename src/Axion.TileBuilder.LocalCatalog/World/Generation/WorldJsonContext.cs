using System.Text.Json.Serialization;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>Source-generated JSON for <c>world.json</c> and the fingerprint input.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SyntheticWorld))]
[JsonSerializable(typeof(FingerprintInput))]
internal sealed partial class WorldJsonContext : JsonSerializerContext;
