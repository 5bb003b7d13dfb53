using System.Text.Json;
using System.Text.Json.Serialization;
using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The settings of a batch as the journal keeps them, so <c>resume</c> runs with exactly the
/// settings of the <c>build</c> that started the batch. Defaults and ranges: <see cref="BuildOptionSpecs"/>.
/// </summary>
public sealed record RunSettings
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonPropertyName("csv")]
    public required string CsvPath { get; init; }

    [JsonPropertyName("profile")]
    public required CatalogProfile Profile { get; init; }

    [JsonPropertyName("tiles_x")]
    public int TilesX { get; init; } = BuildOptionSpecs.TilesX.Default;

    [JsonPropertyName("tiles_y")]
    public int TilesY { get; init; } = BuildOptionSpecs.TilesY.Default;

    [JsonPropertyName("tile_size")]
    public int TileSize { get; init; } = BuildOptionSpecs.TileSize.Default;

    [JsonPropertyName("workers")]
    public int Workers { get; init; } = BuildOptionSpecs.Workers.Default;

    [JsonPropertyName("start")]
    public DateOnly? Start { get; init; }

    [JsonPropertyName("end")]
    public DateOnly? End { get; init; }

    [JsonPropertyName("max_scene_cloud")]
    public double MaxSceneCloud { get; init; } = BuildOptionSpecs.MaxSceneCloud.Default;

    [JsonPropertyName("min_clear")]
    public double MinClear { get; init; } = BuildOptionSpecs.MinClear.Default;

    [JsonPropertyName("min_valid")]
    public double MinValid { get; init; } = BuildOptionSpecs.MinValid.Default;

    [JsonPropertyName("max_candidates")]
    public int MaxCandidates { get; init; } = BuildOptionSpecs.MaxCandidates.Default;

    [JsonPropertyName("s1_max_days")]
    public double S1MaxDays { get; init; } = BuildOptionSpecs.S1MaxDays.Default;

    [JsonPropertyName("invalid_scl")]
    public string InvalidScl { get; init; } = SclClassSet.DefaultInvalid.ToString();

    [JsonPropertyName("window_days")]
    public int WindowDays { get; init; } = BuildOptionSpecs.WindowDays.Default;

    /// <summary>
    /// The Sentinel-2 bands (<c>--bands</c>, e.g. <c>B02,B03,B04,B08,B05,B11,B12</c>); null for the default
    /// (<see cref="BandSelection.Default"/>), so a default batch's settings are what they were before the option existed.
    /// Part of the batch identity.
    /// </summary>
    [JsonPropertyName("bands")]
    public string? Bands { get; init; }

    /// <summary>
    /// <c>--resampling</c> of 20 m and 60 m bands (<c>cubic</c>, <c>nearest</c>); null for the default, bilinear. Part of the
    /// batch identity when a 20 m or 60 m band is selected.
    /// </summary>
    [JsonPropertyName("resampling")]
    public string? Resampling { get; init; }

    /// <summary>Settings with <paramref name="bands"/> and <paramref name="resampling"/>, stored as null when they are the defaults.</summary>
    public RunSettings WithBands(IReadOnlyList<SpectralBand> bands, BandResampling resampling) => this with
    {
        Bands = BandSelection.IsDefault(bands) ? null : BandSelection.Format(bands),
        Resampling = resampling == BandResamplingNames.Default ? null : resampling.Name(),
    };

    /// <summary>The selected bands (<see cref="Bands"/> parsed, or the default).</summary>
    [JsonIgnore]
    public IReadOnlyList<SpectralBand> SelectedBands => Bands is null ? BandSelection.Default : BandSelection.Parse(Bands);

    /// <summary>
    /// <c>--timesteps</c>; null for 1 (so a batch of one date has the settings it had before the option existed). Part of
    /// the batch identity: it names the tiles.
    /// </summary>
    [JsonPropertyName("timesteps")]
    public int? Timesteps { get; init; }

    /// <summary><c>--min-timesteps</c>; null when every timestep is required (the default). Part of the batch identity.</summary>
    [JsonPropertyName("min_timesteps")]
    public int? MinTimesteps { get; init; }

    /// <summary>Settings with <paramref name="timesteps"/> and <paramref name="minTimesteps"/>, stored as null when they are the defaults.</summary>
    public RunSettings WithTimesteps(int timesteps, int? minTimesteps) => this with
    {
        Timesteps = timesteps == BuildOptionSpecs.Timesteps.Default ? null : timesteps,
        MinTimesteps = minTimesteps is { } min && min != timesteps ? min : null,
    };

    /// <summary>The batch's timesteps (<see cref="Timesteps"/>, or 1).</summary>
    [JsonIgnore]
    public int TimestepCount => Timesteps ?? BuildOptionSpecs.Timesteps.Default;

    [JsonPropertyName("include_scl")]
    public bool IncludeScl { get; init; }

    [JsonPropertyName("include_valid")]
    public bool IncludeValidMask { get; init; }

    [JsonPropertyName("compressed")]
    public bool Compressed { get; init; } = true;

    /// <summary>
    /// zlib level of compressed tiles (<c>--compression-level</c>; <see cref="BuildOptionSpecs.CompressionLevel"/>). Not part
    /// of the batch identity: it changes a file's size, never its arrays. A journal written before the option existed
    /// reads as the default.
    /// </summary>
    [JsonPropertyName("compression_level")]
    public int CompressionLevel { get; init; } = BuildOptionSpecs.CompressionLevel.Default;

    /// <summary>Also write a GeoTIFF per tile (<c>--format npz,geotiff</c>).</summary>
    [JsonPropertyName("geotiff")]
    public bool GeoTiff { get; init; }

    /// <summary>Write a quicklook PNG per done row (not part of the batch identity).</summary>
    [JsonPropertyName("quicklooks")]
    public bool Quicklooks { get; init; } = true;

    /// <summary>A row stops when an asset read downloads more than this multiple of its estimate (not part of the batch identity; default: <see cref="BuildOptionSpecs.MaxReadFactor"/>).</summary>
    [JsonPropertyName("max_read_factor")]
    public double MaxReadFactor { get; init; } = BuildOptionSpecs.MaxReadFactor.Default;

    /// <summary>Refuse asset hrefs outside the signing hosts of a signed source (<c>--strict-hosts</c>; not part of the batch identity).</summary>
    [JsonPropertyName("strict_hosts")]
    public bool StrictHosts { get; init; }

    /// <summary>Read assets that are not cloud-optimized instead of failing their rows (<see cref="BuildOptions.AllowNonCog"/>; not part of the batch identity). Default false.</summary>
    [JsonPropertyName("allow_non_cog")]
    public bool AllowNonCog { get; init; }

    /// <summary>
    /// Catalog requests (STAC and SAS token) per second this process sends at most, 0 = no cap (<c>--max-stac-rps</c>;
    /// default and range: <see cref="BuildOptionSpecs.MaxStacRps"/>). Not part of the batch identity: a shard restarted
    /// with another rate is the same batch.
    /// </summary>
    [JsonPropertyName("max_stac_rps")]
    public double MaxStacRps { get; init; } = BuildOptionSpecs.MaxStacRps.Default;

    /// <summary>The pure build options these settings describe.</summary>
    public BuildOptions ToBuildOptions() => new()
    {
        TilesX = TilesX,
        TilesY = TilesY,
        TileSize = TileSize,
        Workers = Workers,
        Start = Start,
        End = End,
        IncludeScl = IncludeScl,
        IncludeValidMask = IncludeValidMask,
        Compressed = Compressed,
        CompressionLevel = CompressionLevel,
        GeoTiff = GeoTiff,
        MaxReadBudgetFactor = MaxReadFactor,
        StrictHosts = StrictHosts,
        AllowNonCog = AllowNonCog,
        MaxStacRps = MaxStacRps,
        Bands = SelectedBands,
        Resampling = Resampling is null ? BandResamplingNames.Default : BandResamplingNames.Parse(Resampling),
        Timesteps = TimestepCount,
        MinTimesteps = MinTimesteps,
        Selection = new SelectionOptions
        {
            MaxSceneCloud = MaxSceneCloud,
            MinClear = MinClear,
            MinValid = MinValid,
            MaxCandidatesToCheck = MaxCandidates,
            S1MaxDays = S1MaxDays,
            InvalidSclClasses = SclClassSet.Parse(InvalidScl),
            DefaultWindowDays = WindowDays,
        },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static RunSettings FromJson(string json) =>
        JsonSerializer.Deserialize<RunSettings>(json, JsonOptions) ?? throw new JsonException("empty run settings");

    /// <summary>
    /// What makes two runs "the same batch": everything that changes the output's arrays. Worker count, the catalog request
    /// rate, the compression level, endpoint URLs (the demo catalog's port changes every start) and the CSV's path (its content
    /// hash is compared separately) do not.
    /// </summary>
    public string IdentityJson()
    {
        var identity = this with
        {
            CsvPath = string.Empty, // the CSV's content hash is compared instead
            Workers = 0,
            Quicklooks = true,
            MaxReadFactor = BuildOptionSpecs.MaxReadFactor.Default,
            StrictHosts = false,
            AllowNonCog = false,
            MaxStacRps = BuildOptionSpecs.MaxStacRps.Default,
            CompressionLevel = BuildOptionSpecs.CompressionLevel.Default,
            Resampling = SelectedBands.Any(b => b.IsResampled) ? Resampling : null,
            Profile = Profile with
            {
                Description = null,
                Sentinel2 = Profile.Sentinel2 with { StacUrl = string.Empty, Signing = null, Assets = UsedAssets(Profile.Sentinel2, SelectedBands) },
                Sentinel1 = Profile.Sentinel1 with { StacUrl = string.Empty, Signing = null },
            },
        };
        return JsonSerializer.Serialize(identity, JsonOptions);
    }

    /// <summary>
    /// The profile's Sentinel-2 asset keys of the selected bands and SCL, in that order: mappings of bands the batch does
    /// not read do not change its output (so built-in profiles that gained band names keep old batches' identity).
    /// </summary>
    private static Dictionary<string, string> UsedAssets(SourceProfile source, IReadOnlyList<SpectralBand> bands)
    {
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in bands.Select(b => b.Name).Append(S2AssetRoles.Scl))
        {
            if (source.Assets.TryGetValue(name, out var key))
            {
                used[name] = key;
            }
        }

        return used;
    }
}
