namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>What the fingerprint hashes: the generator version and the spec.</summary>
internal sealed record FingerprintInput(string Generator, WorldSpec Spec);
