namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>Served collection ids and their Azure containers.</summary>
internal static class CollectionIds
{
    public const string Sentinel2L2A = "sentinel-2-l2a";
    public const string Sentinel2C1L2A = "sentinel-2-c1-l2a";
    public const string Sentinel1Rtc = "sentinel-1-rtc";
    public const string Sentinel1Grd = "sentinel-1-grd";

    /// <summary>PC container of sentinel-2-l2a assets.</summary>
    public const string Sentinel2Container = "sentinel2-l2";

    /// <summary>PC container of sentinel-1-rtc assets.</summary>
    public const string Sentinel1RtcContainer = "sentinel1-grd-rtc";

    /// <summary>PC container of sentinel-1-grd assets (account <c>sentinel1euwest</c>).</summary>
    public const string Sentinel1GrdContainer = "s1-grd";

    /// <summary>The SAS container of a PC collection, or null when the collection is not served.</summary>
    public static string? PcContainer(string collection) => collection switch
    {
        Sentinel2L2A => Sentinel2Container,
        Sentinel1Rtc => Sentinel1RtcContainer,
        Sentinel1Grd => Sentinel1GrdContainer,
        _ => null,
    };
}
