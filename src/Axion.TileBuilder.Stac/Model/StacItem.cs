using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Stac.Internals;

namespace Axion.TileBuilder.Stac.Model;

/// <summary>
/// A STAC item as axion-tiles needs it: identity, time, footprint, assets, and typed readers for the
/// properties used by scene selection. <see cref="Properties"/> keeps everything else raw.
/// Built by <see cref="StacItemParser"/>.
/// </summary>
public sealed record StacItem
{
    /// <summary>Item id.</summary>
    public required string Id { get; init; }

    /// <summary>Collection id, when the item names one.</summary>
    public string? Collection { get; init; }

    /// <summary>Nominal acquisition time (UTC): <c>datetime</c>, else <c>start_datetime</c>.</summary>
    public required DateTimeOffset Datetime { get; init; }

    /// <summary><c>start_datetime</c> (UTC) when given.</summary>
    public DateTimeOffset? StartDatetime { get; init; }

    /// <summary><c>end_datetime</c> (UTC) when given.</summary>
    public DateTimeOffset? EndDatetime { get; init; }

    /// <summary>Footprint bounding box in degrees <c>[west, south, east, north]</c> (the 2D part of a 6-number bbox); null when absent.</summary>
    public double[]? Bbox { get; init; }

    /// <summary>GeoJSON geometry (WGS 84); null when absent or null.</summary>
    public JsonElement? Geometry { get; init; }

    /// <summary>The raw <c>properties</c> object (cloned).</summary>
    public JsonElement Properties { get; init; }

    /// <summary>Assets by key (ordinal, case-sensitive).</summary>
    public IReadOnlyDictionary<string, StacAsset> Assets { get; init; } = new Dictionary<string, StacAsset>(StringComparer.Ordinal);

    /// <summary>Item links.</summary>
    public IReadOnlyList<StacLink> Links { get; init; } = [];

    /// <summary>
    /// Fields the item has but that cannot be used, one line each naming the field and quoting the value (e.g.
    /// <c>'bbox' has 3 values (expected 4 or 6)</c>); the field reads as absent. Empty for a clean item.
    /// </summary>
    public IReadOnlyList<string> FieldProblems { get; init; } = [];

    /// <summary><c>eo:cloud_cover</c> in percent (0-100); null when absent.</summary>
    public double? CloudCover => Json.Double(Properties, "eo:cloud_cover");

    /// <summary><c>s2:processing_baseline</c> as the catalog writes it (<c>"05.11"</c>); null when absent.</summary>
    public string? ProcessingBaseline =>
        Json.Member(Properties, "s2:processing_baseline") switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetDouble().ToString("00.00", CultureInfo.InvariantCulture),
            _ => null,
        };

    /// <summary>Item EPSG code from <c>proj:epsg</c> or <c>proj:code</c> (<c>"EPSG:32633"</c>); null otherwise.</summary>
    public int? Epsg => Json.Epsg(Properties);

    /// <summary>Item-level <c>proj:shape</c> [rows, cols]; null when absent.</summary>
    public int[]? ProjShape => Json.IntArray(Properties, "proj:shape");

    /// <summary>Item-level <c>proj:transform</c>, first 6 numbers (affine order); null when absent.</summary>
    public double[]? ProjTransform => StacItemParser.FirstSix(Json.DoubleArray(Properties, "proj:transform"));

    /// <summary><c>platform</c> (<c>sentinel-2b</c>, <c>Sentinel-2B</c>, <c>SENTINEL-1A</c>: case varies by catalog).</summary>
    public string? Platform => Json.String(Properties, "platform");

    /// <summary><c>sat:orbit_state</c> (<c>ascending</c>/<c>descending</c>); null when absent.</summary>
    public string? OrbitState => Json.String(Properties, "sat:orbit_state");

    /// <summary>
    /// MGRS tile such as <c>53NKG</c>: <c>s2:mgrs_tile</c>, else built from <c>mgrs:utm_zone</c> (two digits),
    /// <c>mgrs:latitude_band</c> and <c>mgrs:grid_square</c>; null when neither is present.
    /// </summary>
    public string? MgrsTile
    {
        get
        {
            if (Json.String(Properties, "s2:mgrs_tile") is { Length: > 0 } tile)
            {
                return tile;
            }

            var zone = Json.Int(Properties, "mgrs:utm_zone");
            var band = Json.String(Properties, "mgrs:latitude_band");
            var square = Json.String(Properties, "mgrs:grid_square");
            return zone is { } z && band is not null && square is not null
                ? z.ToString("00", CultureInfo.InvariantCulture) + band + square
                : null;
        }
    }

    /// <summary>
    /// <c>earthsearch:boa_offset_applied</c>; null when absent. Only <c>true</c> is reliable (see domain facts).
    /// </summary>
    public bool? BoaOffsetApplied => Json.Bool(Properties, "earthsearch:boa_offset_applied");

    /// <summary><c>sar:polarizations</c> (<c>VV</c>, <c>VH</c>, <c>HH</c>, ...); empty when absent.</summary>
    public IReadOnlyList<string> Polarizations => Json.StringList(Properties, "sar:polarizations");

    /// <summary>The asset's own EPSG, else the item's; null when neither declares one.</summary>
    public int? EpsgOf(StacAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return asset.Epsg ?? Epsg;
    }

    /// <summary>The asset with key <paramref name="key"/>, or null.</summary>
    public StacAsset? Asset(string key) => Assets.TryGetValue(key, out var asset) ? asset : null;

    /// <summary>A property by name; null when absent or JSON null.</summary>
    public JsonElement? Property(string name) => Json.Member(Properties, name);
}
