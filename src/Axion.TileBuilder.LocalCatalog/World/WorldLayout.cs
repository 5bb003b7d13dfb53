namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>How the scenes of one location are laid out.</summary>
public enum WorldLayout
{
    /// <summary>One Sentinel-2 grid per location, in the location's UTM zone, covering the AOI.</summary>
    Normal,
}
