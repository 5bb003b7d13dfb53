namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The Sentinel-2 reflectance bands the synthetic world can hold: the four 10 m bands of every world, then the 20 m and
/// 60 m bands written only with <see cref="WorldSpec.IncludeAllBands"/> (<see cref="S2Bands"/>).
/// </summary>
public enum S2Band
{
    /// <summary>Blue, 490 nm, 10 m.</summary>
    B02,

    /// <summary>Green, 560 nm, 10 m.</summary>
    B03,

    /// <summary>Red, 665 nm, 10 m.</summary>
    B04,

    /// <summary>Near infrared, 842 nm, 10 m.</summary>
    B08,

    /// <summary>Coastal aerosol, 443 nm, 60 m.</summary>
    B01,

    /// <summary>Red edge 1, 704 nm, 20 m.</summary>
    B05,

    /// <summary>Red edge 2, 740 nm, 20 m.</summary>
    B06,

    /// <summary>Red edge 3, 783 nm, 20 m.</summary>
    B07,

    /// <summary>Narrow NIR, 865 nm, 20 m.</summary>
    B8A,

    /// <summary>Water vapour, 945 nm, 60 m.</summary>
    B09,

    /// <summary>SWIR 1, 1610 nm, 20 m.</summary>
    B11,

    /// <summary>SWIR 2, 2190 nm, 20 m.</summary>
    B12,
}
