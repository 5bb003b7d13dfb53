namespace Axion.TileBuilder.Pipeline.Profiles;

/// <summary>The profiles that ship with the tool (<c>--catalog NAME</c>).</summary>
public static class BuiltInProfiles
{
    public const string PlanetaryComputerStac = "https://planetarycomputer.microsoft.com/api/stac/v1";
    public const string PlanetaryComputerToken = "https://planetarycomputer.microsoft.com/api/sas/v1/token";
    public const string EarthSearchStac = "https://earth-search.aws.element84.com/v1";

    /// <summary>Name of the profile that uses the embedded local catalog.</summary>
    public const string DemoName = "demo";

    private static readonly SigningProfile PcSigning = new()
    {
        Method = "planetary-computer",
        TokenUrl = PlanetaryComputerToken,
        Hosts = [SigningProfile.PlanetaryComputerBlobHosts],
    };

    private static readonly SourceProfile PcSentinel2 = new()
    {
        StacUrl = PlanetaryComputerStac,
        Collection = "sentinel-2-l2a",
        Flavor = "planetary-computer",
        Assets = new Dictionary<string, string>
        {
            ["B02"] = "B02",
            ["B03"] = "B03",
            ["B04"] = "B04",
            ["B08"] = "B08",
            ["SCL"] = "SCL",
            ["B01"] = "B01",
            ["B05"] = "B05",
            ["B06"] = "B06",
            ["B07"] = "B07",
            ["B8A"] = "B8A",
            ["B09"] = "B09",
            ["B11"] = "B11",
            ["B12"] = "B12",
        },
        Signing = PcSigning,
    };

    private static readonly SourceProfile PcSentinel1Rtc = new()
    {
        StacUrl = PlanetaryComputerStac,
        Collection = "sentinel-1-rtc",
        Flavor = "rtc",
        Assets = new Dictionary<string, string> { ["vv"] = "vv", ["vh"] = "vh" },
        Signing = PcSigning,
    };

    private static readonly SourceProfile PcSentinel1Grd = PcSentinel1Rtc with { Collection = "sentinel-1-grd", Flavor = "grd" };

    /// <summary>Planetary Computer: <c>sentinel-2-l2a</c> + <c>sentinel-1-rtc</c>, SAS signing. The default.</summary>
    public static CatalogProfile PlanetaryComputer { get; } = new()
    {
        Name = "planetary-computer",
        Description = "Microsoft Planetary Computer: sentinel-2-l2a and sentinel-1-rtc, SAS-signed Azure blob COGs.",
        Sentinel2 = PcSentinel2,
        Sentinel1 = PcSentinel1Rtc,
    };

    /// <summary>
    /// Planetary Computer with Sentinel-1 from <c>sentinel-1-grd</c> instead of RTC: amplitude DN warped through the
    /// GCPs (thin-plate spline) and converted with one calibration constant. RTC is the recommended source (docs/profiles.md).
    /// </summary>
    public static CatalogProfile PlanetaryComputerGrd { get; } = PlanetaryComputer with
    {
        Name = "planetary-computer-grd",
        Description = "Microsoft Planetary Computer: sentinel-2-l2a and sentinel-1-grd (GCP-warped amplitude, uncalibrated sigma0); prefer RTC.",
        Sentinel1 = PcSentinel1Grd,
    };

    /// <summary>
    /// Earth Search: <c>sentinel-2-c1-l2a</c>; Sentinel-1 RTC from Planetary Computer, because Earth Search's
    /// Sentinel-1 is requester-pays GRD in S3.
    /// </summary>
    public static CatalogProfile EarthSearch { get; } = new()
    {
        Name = "earth-search",
        Description = "Element 84 Earth Search: sentinel-2-c1-l2a (public COGs); Sentinel-1 RTC from Planetary Computer.",
        Sentinel2 = new SourceProfile
        {
            StacUrl = EarthSearchStac,
            Collection = "sentinel-2-c1-l2a",
            Flavor = "earth-search-c1",
            Assets = new Dictionary<string, string>
            {
                ["B02"] = "blue",
                ["B03"] = "green",
                ["B04"] = "red",
                ["B08"] = "nir",
                ["SCL"] = "scl",
                ["B01"] = "coastal",
                ["B05"] = "rededge1",
                ["B06"] = "rededge2",
                ["B07"] = "rededge3",
                ["B8A"] = "nir08",
                ["B09"] = "nir09",
                ["B11"] = "swir16",
                ["B12"] = "swir22",
            },
            Signing = null,
        },
        Sentinel1 = PcSentinel1Rtc,
    };

    /// <summary>
    /// The local catalog (started in-process by <c>demo</c>): Planetary Computer flavour, so the
    /// same signing code paths run. Its URLs are filled in when the catalog starts; its files are signed because they
    /// are on the token endpoint's own address (<see cref="SigningProfile.EffectiveHosts"/>), and no other host is.
    /// </summary>
    public static CatalogProfile Demo { get; } = PlanetaryComputer with
    {
        Name = DemoName,
        Description = "The embedded local catalog: synthetic scenes served over loopback in the Planetary Computer flavour.",
    };

    /// <summary>All built-in profiles by name.</summary>
    public static IReadOnlyDictionary<string, CatalogProfile> All { get; } = new Dictionary<string, CatalogProfile>(StringComparer.OrdinalIgnoreCase)
    {
        [PlanetaryComputer.Name] = PlanetaryComputer,
        [EarthSearch.Name] = EarthSearch,
        [PlanetaryComputerGrd.Name] = PlanetaryComputerGrd,
        [Demo.Name] = Demo,
    };
}
