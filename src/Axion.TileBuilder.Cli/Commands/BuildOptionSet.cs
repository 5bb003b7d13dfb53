using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Selection;
using S = Axion.TileBuilder.Options.BuildOptionSpecs;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// The options that shape a batch (shared by <c>build</c>, <c>plan</c> and <c>demo</c>). Names, defaults and ranges of the
/// numeric ones come from <see cref="S"/>; <see cref="Settings"/> checks every value before anything is read or generated.
/// </summary>
/// <param name="catalogOptions">
/// Offer <c>--catalog</c>, <c>--stac-url</c> and <c>--token-url</c>; without them (<c>demo</c>) the batch uses the
/// embedded demo catalog.
/// </param>
internal sealed class BuildOptionSet(bool catalogOptions = true)
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
        Description = Text($"AOI size in 256-px tiles at 10 m, as COLSxROWS, each {S.TilesX.RangeText}. Default {S.TilesX.Default}x{S.TilesY.Default} (5.12 km square). A 'tiles' CSV column overrides it per row."),
        DefaultValueFactory = _ => Text($"{S.TilesX.Default}x{S.TilesY.Default}"),
    };

    public Option<string?> Start { get; } = new("--start") { Description = "First acquisition date (yyyy-MM-dd). Default: --window-days before --end. A 'start' CSV column overrides it." };

    public Option<string?> End { get; } = new("--end") { Description = "Last acquisition date (yyyy-MM-dd). Default: today (UTC). An 'end' CSV column overrides it." };

    public Option<int> WindowDays { get; } = new(S.WindowDays.Name) { Description = Text($"Length of the default date window, days, {S.WindowDays.RangeText}. {S.WindowDays.DefaultText}"), DefaultValueFactory = _ => S.WindowDays.Default };

    public Option<double> MaxSceneCloud { get; } = new(S.MaxSceneCloud.Name) { Description = Text($"Largest scene-level eo:cloud_cover to consider, percent ({S.MaxSceneCloud.RangeText}). {S.MaxSceneCloud.DefaultText}"), DefaultValueFactory = _ => S.MaxSceneCloud.Default };

    public Option<double> MinClear { get; } = new(S.MinClear.Name) { Description = Text($"Smallest fraction ({S.MinClear.RangeText}) of the AOI that SCL must call clear for a scene to be chosen. {S.MinClear.DefaultText}"), DefaultValueFactory = _ => S.MinClear.Default };

    public Option<double> MaxReadFactor { get; } = new(S.MaxReadFactor.Name) { Description = Text($"Stop a row (failed: read_budget_exceeded) when reading an asset downloads more than this multiple of what its window's COG blocks take, so a file that is not a cloud-optimized GeoTIFF is never downloaded whole (GDAL's own retries may fetch a window a few times; a whole band file is 20-100x its window). Must be {S.MaxReadFactor.RangeText}. {S.MaxReadFactor.DefaultText}"), DefaultValueFactory = _ => S.MaxReadFactor.Default };

    public Option<double> MinValid { get; } = new(S.MinValid.Name) { Description = Text($"Smallest fraction ({S.MinValid.RangeText}) of valid pixels (all bands finite: s1_vv, s1_vh and the --bands) for a tile to be written. {S.MinValid.DefaultText}"), DefaultValueFactory = _ => S.MinValid.Default };

    public Option<int> MaxCandidates { get; } = new(S.MaxCandidates.Name) { Description = Text($"How many of the best scenes get the SCL check per row, {S.MaxCandidates.RangeText}. {S.MaxCandidates.DefaultText}"), DefaultValueFactory = _ => S.MaxCandidates.Default };

    public Option<double> S1MaxDays { get; } = new(S.S1MaxDays.Name) { Description = Text($"Largest time difference between the Sentinel-2 scene and its Sentinel-1 pair, days, {S.S1MaxDays.RangeText}. {S.S1MaxDays.DefaultText}"), DefaultValueFactory = _ => S.S1MaxDays.Default };

    public Option<string> InvalidScl { get; } = new("--invalid-scl")
    {
        Description = "SCL classes masked to NaN, comma-separated. Default 0,1,3,8,9,10 (no data, defective, cloud shadow, clouds, cirrus); add 11 for snow, 2 for dark areas.",
        DefaultValueFactory = _ => SclClassSet.DefaultInvalid.ToString(),
    };

    public Option<int> Workers { get; } = new(S.Workers.Name, "-j") { Description = Text($"Rows processed in parallel, {S.Workers.RangeText}; their window reads share workers + 2 I/O threads (at least the 3 + --bands files a row opens at once). Peak memory grows with it: about 450 MB at 8 workers with full-size scenes (docs/benchmarks.md). {S.Workers.DefaultText}"), DefaultValueFactory = _ => S.Workers.Default };

    public Option<double> MaxStacRps { get; } = new(S.MaxStacRps.Name) { Description = MaxStacRpsHelp(S.MaxStacRps.DefaultText), DefaultValueFactory = _ => S.MaxStacRps.Default };

    public Option<bool> IncludeScl { get; } = new("--include-scl") { Description = "Also write the SCL classes as 's2_scl' (uint8) in each tile." };

    public Option<bool> IncludeValid { get; } = new("--include-valid") { Description = "Also write the validity mask as 'valid' (uint8, 1 = all bands valid: s1_vv, s1_vh and the --bands)." };

    public Option<bool> Uncompressed { get; } = new("--uncompressed") { Description = "Store arrays without DEFLATE (like np.savez); default is compressed (like np.savez_compressed). Not with --compression-level." };

    public Option<int> CompressionLevel { get; } = new(S.CompressionLevel.Name) { Description = Text($"zlib level of the tiles' DEFLATE, {S.CompressionLevel.RangeText}: 1 fastest, 9 smallest; numpy reads any. The default writes float32 tiles about 1 % larger than level 6 (np.savez_compressed) in about half the CPU; 6 or 9 when disk matters more than CPU (docs/benchmarks.md). Changes file sizes, never arrays: not part of the batch identity. {S.CompressionLevel.DefaultText}"), DefaultValueFactory = _ => S.CompressionLevel.Default };

    public Option<bool> AllowNonCog { get; } = new("--allow-non-cog") { Description = "Read assets that are not cloud-optimized GeoTIFFs (strip-organised, or blocks far larger than the window) instead of failing their rows as not_cloud_optimized after reading only the header. Their reads still stop at --max-read-factor times what the strips or blocks the window touches take (a single-strip file costs the whole file). Default off." };

    public Option<bool> NoQuicklooks { get; } = new("--no-quicklooks") { Description = "Do not write quicklooks/<id>.png (true colour with the cloud mask, S1 false colour, tile grid) per location." };

    public Option<string> Bands { get; } = new("--bands")
    {
        Description = Text($"Sentinel-2 bands to write, comma-separated, any of {string.Join(' ', SpectralBand.All.Select(b => b.Name))}; each becomes a float32 reflectance key s2_b<N> (s2_b5, s2_b8a, s2_b11, ...) after s1_vv and s1_vh, in the order given. 20 m bands (B05 B06 B07 B8A B11 B12) and 60 m bands (B01 B09) are resampled onto the 10 m grid with --resampling. Part of the batch identity. Default {BandSelection.DefaultText}."),
        DefaultValueFactory = _ => BandSelection.DefaultText,
    };

    public Option<string> Resampling { get; } = new("--resampling")
    {
        Description = "How 20 m and 60 m bands come onto the 10 m grid: bilinear (2 x 2 source pixels around each 10 m pixel centre), cubic (4 x 4, GDAL's cubic convolution) or nearest (the source pixel holding the centre: exact source values). GDAL's pixel-is-area geometry: a 10 m pixel centre lies a quarter of a 20 m pixel from the nearest 20 m centre (README, docs/output-format.md). 10 m bands are copied. Default bilinear.",
        DefaultValueFactory = _ => BandResamplingNames.Default.Name(),
    };

    public Option<int> Timesteps { get; } = new(S.Timesteps.Name)
    {
        Description = Text($"Cut each row's date window into this many equal parts (whole days, oldest first) and build each part from its own clear Sentinel-2 scene and Sentinel-1 pair: 4 over a one-year window gives seasons. Above 1, tiles are named tile_<id>_<row>_<col>_t<k>.npz (k = 0 oldest) and their meta gains timestep, timestep_start and timestep_end; searches are shared, so a row costs about N times the bytes of one timestep (plan shows them). {S.Timesteps.RangeText}. Part of the batch identity. {S.Timesteps.DefaultText}"),
        DefaultValueFactory = _ => S.Timesteps.Default,
    };

    public Option<int?> MinTimesteps { get; } = new(S.MinTimesteps.Name)
    {
        Description = "How many timesteps must have a clear scene and written tiles for a row to be done, 1..--timesteps; the row keeps the timesteps that do and the journal, status and report name each missing one with its reason. Fewer fail the row (too_few_timesteps) and leave no file. Part of the batch identity. Default: all of them.",
    };

    public Option<string> Format { get; } = new("--format")
    {
        Description = "Output formats, comma-separated: npz (always) and geotiff (adds tile_<id>_<row>_<col>.tif: the float32 bands, 6 by default, NaN nodata, for QGIS/GDAL). Default npz.",
        DefaultValueFactory = _ => "npz",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        var catalog = catalogOptions ? new Option[] { Catalog, StacUrl, TokenUrl } : [];
        foreach (var option in catalog.Concat([Bands, Resampling, Timesteps, MinTimesteps, Tiles, Start, End, WindowDays, MaxSceneCloud, MinClear, MinValid, MaxCandidates, S1MaxDays, InvalidScl, Workers, IncludeScl, IncludeValid, Uncompressed, CompressionLevel, NoQuicklooks, MaxReadFactor, MaxStacRps, StrictHosts, AllowNonCog]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The batch settings the command line asks for, with the CSV at <paramref name="csvPath"/>. Every value is checked
    /// first (<see cref="BuildOptions.ThrowIfInvalid"/>: exit 2 naming the option) and only then is a profile file read.
    /// </summary>
    public RunSettings Settings(ParseResult parse, string csvPath)
    {
        var tiles = parse.GetRequiredValue(Tiles);
        if (!LocationCsvParser.TryParseTiles(tiles, out var tx, out var ty))
        {
            throw new AxionException(FailureKind.BadInput, $"--tiles '{tiles}' must look like 2x2 ({S.TilesX.RangeText} each)");
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

        if (parse.GetResult(CompressionLevel) is { Implicit: false } && parse.GetValue(Uncompressed))
        {
            throw new AxionException(FailureKind.BadInput, "--compression-level and --uncompressed exclude each other: --uncompressed stores the arrays without DEFLATE");
        }

        var settings = new RunSettings
        {
            GeoTiff = formats.Contains("geotiff"),
            CsvPath = Path.GetFullPath(csvPath),
            Profile = BuiltInProfiles.Demo, // replaced below once the values are known to be valid
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
            CompressionLevel = parse.GetValue(CompressionLevel),
            Quicklooks = !parse.GetValue(NoQuicklooks),
            MaxReadFactor = parse.GetValue(MaxReadFactor),
            StrictHosts = parse.GetValue(StrictHosts),
            AllowNonCog = parse.GetValue(AllowNonCog),
            MaxStacRps = parse.GetValue(MaxStacRps),
        };
        settings = settings.WithBands(BandSelection.Parse(parse.GetValue(Bands)), BandResamplingNames.Parse(parse.GetValue(Resampling)))
            .WithTimesteps(parse.GetValue(Timesteps), parse.GetValue(MinTimesteps));
        settings.ToBuildOptions().ThrowIfInvalid();
        var resolved = catalogOptions ? settings with { Profile = LoadProfile(parse) } : settings;
        _ = S2AssetRoles.KeysFor(resolved.Profile.Sentinel2, resolved.SelectedBands, resolved.Profile.Name);
        return resolved;
    }

    /// <summary>The profile named by --catalog with the URL overrides applied.</summary>
    private CatalogProfile LoadProfile(ParseResult parse) =>
        ProfileLoader.WithOverrides(ProfileLoader.Load(parse.GetRequiredValue(Catalog)), parse.GetValue(StacUrl), parse.GetValue(TokenUrl));

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

    /// <summary>The help of <c>--max-stac-rps</c> ending with <paramref name="defaultText"/> (<c>resume</c> offers it too, to override the stored value).</summary>
    internal static string MaxStacRpsHelp(string defaultText) => Text(
        $"Catalog requests (STAC searches, items, SAS tokens) this process sends per second at most, shared by all its workers; retries count, requests beyond it wait their turn. A process may send R at once when it starts (the bucket holds one second's worth), so at most 2R in its first second, R per second after. {S.MaxStacRps.RangeText}, 0 = no cap. With N shards behind one address the catalog sees up to N x this (docs/scale-out.md#rate-limits). Not part of the batch identity. {defaultText}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
