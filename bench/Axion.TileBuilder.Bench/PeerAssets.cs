namespace Axion.TileBuilder.Bench;

/// <summary>
/// The seven assets a row reads, in the order the peers read them: B02, B03, B04, B08 and SCL of the Sentinel-2 item,
/// vv and vh of the Sentinel-1 item the build chose.
/// </summary>
internal static class PeerAssets
{
    public const string Sentinel2 = "sentinel-2-l2a";

    public const string Sentinel1 = "sentinel-1-rtc";

    public static IReadOnlyList<(string Collection, string Asset)> All { get; } =
    [
        (Sentinel2, "B02"), (Sentinel2, "B03"), (Sentinel2, "B04"), (Sentinel2, "B08"), (Sentinel2, "SCL"),
        (Sentinel1, "vv"), (Sentinel1, "vh"),
    ];

    /// <summary>The item of <paramref name="row"/> that holds assets of <paramref name="collection"/>.</summary>
    public static string ItemOf(IndexRow row, string collection) => collection == Sentinel2 ? row.S2Item : row.S1Item;
}
