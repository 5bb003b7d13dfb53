namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>File layout constants of a generated world.</summary>
public static class WorldFiles
{
    /// <summary>Name of the index written last in a world folder.</summary>
    public const string IndexFileName = "world.json";

    /// <summary>Nodata of the Sentinel-1 RTC files.</summary>
    public const double S1NoData = -32768;

    /// <summary>Internal block size of the 10 m Sentinel-2 bands, pixels.</summary>
    public const int S2BandBlockSize = 1024;

    /// <summary>Internal block size of the SCL and Sentinel-1 files, pixels.</summary>
    public const int SmallBlockSize = 512;
}
