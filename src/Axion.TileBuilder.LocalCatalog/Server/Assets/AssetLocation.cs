namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>Where a served asset URL path reads its bytes from.</summary>
/// <param name="FilePath">Absolute file path inside the world directory.</param>
/// <param name="SasContainer">Azure container whose SAS token is required (Planetary Computer), or null for public assets.</param>
internal sealed record AssetLocation(string FilePath, string? SasContainer);
