namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Sentinel-2 scene classification (SCL) values the synthetic world writes.</summary>
public static class SclClass
{
    /// <summary>No data (outside the swath).</summary>
    public const byte NoData = 0;

    /// <summary>Cloud shadow.</summary>
    public const byte CloudShadow = 3;

    /// <summary>Vegetation.</summary>
    public const byte Vegetation = 4;

    /// <summary>Not vegetated (bare soil).</summary>
    public const byte NotVegetated = 5;

    /// <summary>Water.</summary>
    public const byte Water = 6;

    /// <summary>Cloud, medium probability (the rim of an opaque cloud).</summary>
    public const byte CloudMedium = 8;

    /// <summary>Cloud, high probability (the core of an opaque cloud).</summary>
    public const byte CloudHigh = 9;

    /// <summary>Thin cirrus.</summary>
    public const byte ThinCirrus = 10;

    /// <summary>True for 8, 9 and 10.</summary>
    public static bool IsCloud(byte scl) => scl is CloudMedium or CloudHigh or ThinCirrus;
}
