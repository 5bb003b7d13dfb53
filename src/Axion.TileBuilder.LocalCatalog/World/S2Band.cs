namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>The Sentinel-2 10 m bands the synthetic world holds.</summary>
public enum S2Band
{
    /// <summary>Blue, 490 nm.</summary>
    B02,

    /// <summary>Green, 560 nm.</summary>
    B03,

    /// <summary>Red, 665 nm.</summary>
    B04,

    /// <summary>Near infrared, 842 nm.</summary>
    B08,
}
