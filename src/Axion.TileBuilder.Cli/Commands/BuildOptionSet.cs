using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>The options that shape a batch (shared by <c>build</c> and <c>demo</c>).</summary>
internal sealed class BuildOptionSet
{
    public Option<string> Catalog { get; } = new("--catalog")
    {
        Description = "Catalog profile: planetary-computer (default), earth-search, demo, or a profile .json file (docs/profiles.md).",
        DefaultValueFactory = _ => BuiltInProfiles.PlanetaryComputer.Name,
    };

    public Option<string?> StacUrl { get; } = new("--stac-url") { Description = "Override the profile's STAC API root URL." };

    public Option<string?> TokenUrl { get; } = new("--token-url") { Description = "Override the profile's SAS token endpoint (Planetary Computer signing)." };

    public Option<bool> StrictHosts { get; } = new("--strict-hosts")
    {
        Description = "Fail a row (unsigned_host_refused) whose signed asset href points to a host outside the profile's signing hosts (docs/profiles.md), instead of reading it unsigned. The token is never sent to such a host either way.",
    };

    public Option<string> Tiles { get; } = new("--tiles")
    {
        Description = "AOI size in 256-px tiles at 10 m, as COLSxROWS. Default 2x2 (5.12 km square). A 'tiles' CSV column overrides it per row.",
        DefaultValueFactory = _ => "2x2",
    };

    public Option<string?> Start { get; } = new("--start") { Description = "First acquisition date (yyyy-MM-dd). Default: --window-days before --end. A 'start' CSV column overrides it." };

    public Option<string?> End { get; } = new("--end") { Description = "Last acquisition date (yyyy-MM-dd). Default: today (UTC). An 'end' CSV column overrides it." };

    public Option<int> WindowDays { get; } = new("--window-days") { Description = "Length of the default date window, days. Default 365.", DefaultValueFactory = _ => 365 };

    public Option<double> MaxSceneCloud { get; } = new("--max-scene-cloud") { Description = "Largest scene-level eo:cloud_cover to consider, percent (0-100). Default 30.", DefaultValueFactory = _ => 30 };

    public Option<double> MinClear { get; } = new("--min-clear") { Description = "Smallest fraction (0-1) of the AOI that SCL must call clear for a scene to be chosen. Default 0.9.", DefaultValueFactory = _ => 0.9 };

    public Option<double> MaxReadFactor { get; } = new("--max-read-factor") { Description = "Stop a row (failed: read_budget_exceeded) when reading an asset downloads more than this multiple of what its window's COG blocks take, so a file that is not a cloud-optimized GeoTIFF is never downloaded whole (GDAL's own retries may fetch a window a few times; a whole band file is 20-100x its window). At least 1. Default 8.", DefaultValueFactory = _ => Options.BuildOptions.DefaultMaxReadBudgetFactor };

    public Option<double> MinValid { get; } = new("--min-valid") { Description = "Smallest fraction (0-1) of valid pixels (all six bands finite) for a tile to be written. Default 0.9.", DefaultValueFactory = _ => 0.9 };

    public Option<int> MaxCandidates { get; } = new("--max-candidates") { Description = "How many of the best scenes get the SCL check per row. Default 5.", DefaultValueFactory = _ => 5 };

    public Option<double> S1MaxDays { get; } = new("--s1-max-days") { Description = "Largest time difference between the Sentinel-2 scene and its Sentinel-1 pair, days. Default 12.", DefaultValueFactory = _ => 12 };

    public Option<string> InvalidScl { get; } = new("--invalid-scl")
    {
        Description = "SCL classes masked to NaN, comma-separated. Default 0,1,3,8,9,10 (no data, defective, cloud shadow, clouds, cirrus); add 11 for snow, 2 for dark areas.",
        DefaultValueFactory = _ => SclClassSet.DefaultInvalid.ToString(),
    };

    public Option<int> Workers { get; } = new("--workers", "-j") { Description = "Rows processed in parallel; their window reads share workers + 2 I/O threads (at least 6). Peak memory grows with it: about 450 MB at 8 workers with full-size scenes (docs/benchmarks.md). Default 4.", DefaultValueFactory = _ => 4 };

    public Option<bool> IncludeScl { get; } = new("--include-scl") { Description = "Also write the SCL classes as 's2_scl' (uint8) in each tile." };

    public Option<bool> IncludeValid { get; } = new("--include-valid") { Description = "Also write the validity mask as 'valid' (uint8, 1 = all six bands valid)." };

    public Option<bool> Uncompressed { get; } = new("--uncompressed") { Description = "Store arrays without DEFLATE (like np.savez); default is compressed (like np.savez_compressed)." };

    public Option<bool> AllowNonCog { get; } = new("--allow-non-cog") { Description = "Read assets that are not cloud-optimized GeoTIFFs (strip-organised, or blocks far larger than the window) instead of failing their rows as not_cloud_optimized after reading only the header. Their reads still stop at --max-read-factor times what the strips or blocks the window touches take (a single-strip file costs the whole file). Default off." };

    public Option<bool> NoQuicklooks { get; } = new("--no-quicklooks") { Description = "Do not write quicklooks/<id>.png (true colour with the cloud mask, S1 false colour, tile grid) per location." };

    public Option<string> Format { get; } = new("--format")
    {
        Description = "Output formats, comma-separated: npz (always) and geotiff (adds tile_<id>_<row>_<col>.tif: 6 float32 bands, NaN nodata, for QGIS/GDAL). Default npz.",
        DefaultValueFactory = _ => "npz",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        foreach (var option in new Option[] { Catalog, StacUrl, TokenUrl, Tiles, Start, End, WindowDays, MaxSceneCloud, MinClear, MinValid, MaxCandidates, S1MaxDays, InvalidScl, Workers, IncludeScl, IncludeValid, Uncompressed, NoQuicklooks, MaxReadFactor, StrictHosts, AllowNonCog })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The profile named by --catalog with the URL overrides applied.</summary>
    public CatalogProfile Profile(ParseResult parse) =>
        ProfileLoader.WithOverrides(ProfileLoader.Load(parse.GetRequiredValue(Catalog)), parse.GetValue(StacUrl), parse.GetValue(TokenUrl));

    public RunSettings Settings(ParseResult parse, string csvPath, CatalogProfile profile)
    {
        var tiles = parse.GetRequiredValue(Tiles);
        if (!LocationCsvParser.TryParseTiles(tiles, out var tx, out var ty))
        {
            throw new AxionException(FailureKind.BadInput, $"--tiles '{tiles}' must look like 2x2 (1..{LocationCsvParser.MaxTilesPerAxis} each)");
        }

        if (!SclClassSet.TryParse(parse.GetValue(InvalidScl), out _, out var sclProblem))
        {
            throw new AxionException(FailureKind.BadInput, $"--invalid-scl: {sclProblem}");
        }

        var formats = parse.GetRequiredValue(Format).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = formats.Where(f => f is not ("npz" or "geotiff")).ToList();
        if (unknown.Count > 0)
        {
            throw new AxionException(FailureKind.BadInput, $"--format: unknown format '{unknown[0]}' (use npz and/or geotiff)");
        }

        return new RunSettings
        {
            GeoTiff = formats.Contains("geotiff"),
            CsvPath = Path.GetFullPath(csvPath),
            Profile = profile,
            TilesX = tx,
            TilesY = ty,
            Start = Date(parse.GetValue(Start), "--start"),
            End = Date(parse.GetValue(End), "--end"),
            WindowDays = parse.GetValue(WindowDays),
            MaxSceneCloud = parse.GetValue(MaxSceneCloud),
            MinClear = parse.GetValue(MinClear),
            MinValid = parse.GetValue(MinValid),
            MaxCandidates = parse.GetValue(MaxCandidates),
            S1MaxDays = parse.GetValue(S1MaxDays),
            InvalidScl = parse.GetRequiredValue(InvalidScl),
            Workers = parse.GetValue(Workers),
            IncludeScl = parse.GetValue(IncludeScl),
            IncludeValidMask = parse.GetValue(IncludeValid),
            Compressed = !parse.GetValue(Uncompressed),
            Quicklooks = !parse.GetValue(NoQuicklooks),
            MaxReadFactor = parse.GetValue(MaxReadFactor),
            StrictHosts = parse.GetValue(StrictHosts),
            AllowNonCog = parse.GetValue(AllowNonCog),
        };
    }

    internal static DateOnly? Date(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (LocationCsvParser.TryParseDate(text, out var date))
        {
            return date;
        }

        throw new AxionException(FailureKind.BadInput, string.Create(CultureInfo.InvariantCulture, $"{option} '{text}' is not a date (yyyy-MM-dd)"));
    }
}
