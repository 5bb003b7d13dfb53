using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Selection;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>Maps STAC items to the pure selection model.</summary>
internal static class StacMapping
{
    /// <summary>The candidate the selection rules see; an unusable <c>eo:cloud_cover</c> (see <see cref="CloudCoverProblem"/>) reads as absent.</summary>
    public static SceneCandidate ToCandidate(StacItem item, string collection, IEnumerable<string> requiredAssetKeys)
    {
        var missing = requiredAssetKeys.Where(k => !item.Assets.ContainsKey(k)).ToList();
        return new SceneCandidate
        {
            Id = item.Id,
            Collection = item.Collection ?? collection,
            Datetime = item.Datetime,
            BboxLonLat = item.Bbox is { Length: >= 4 } b ? [b[0], b[1], b[^2], b[^1]] : [],
            CloudCover = CloudCoverProblem(item) is null ? item.CloudCover : null,
            Epsg = item.Epsg,
            Footprint = Footprint(item.Geometry),
            ProcessingBaseline = item.ProcessingBaseline,
            HasAllAssets = missing.Count == 0,
            MissingAssets = missing,
            Platform = item.Platform,
            OrbitState = item.OrbitState,
            MgrsTile = item.MgrsTile,
            RelativeOrbit = RelativeOrbit(item),
        };
    }

    /// <summary>
    /// Why <c>eo:cloud_cover</c> cannot be used (not a number, not finite, outside 0..100), quoting the value; null when
    /// it is usable or absent (absence is the ranker's own <c>no cloud cover</c>).
    /// </summary>
    public static string? CloudCoverProblem(StacItem item)
    {
        if (item.Property("eo:cloud_cover") is not { } raw || raw.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = raw.GetRawText();
        var quoted = text.Length > 40 ? text[..40] + "..." : text;
        return item.CloudCover switch
        {
            null => $"'eo:cloud_cover' {quoted} is not a number",
            { } v when !double.IsFinite(v) => $"'eo:cloud_cover' {quoted} is not finite",
            { } v when v is < 0 or > 100 => string.Create(CultureInfo.InvariantCulture, $"'eo:cloud_cover' {v} is outside 0..100"),
            _ => null,
        };
    }

    /// <summary>
    /// Every unusable field of an item, one line each: the parser's (<see cref="StacItem.FieldProblems"/>, e.g. a bad
    /// bbox) and, when <paramref name="withCloudCover"/> (Sentinel-2), <see cref="CloudCoverProblem"/>.
    /// </summary>
    public static IReadOnlyList<string> UnusableFields(StacItem item, bool withCloudCover)
    {
        var cloud = withCloudCover ? CloudCoverProblem(item) : null;
        return cloud is null ? item.FieldProblems : [.. item.FieldProblems, cloud];
    }

    /// <summary><c>sat:relative_orbit</c> as an integer, or null.</summary>
    internal static int? RelativeOrbit(StacItem item) =>
        item.Properties.ValueKind == JsonValueKind.Object
        && item.Properties.TryGetProperty("sat:relative_orbit", out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var orbit)
            ? orbit
            : null;

    /// <summary>Outer rings of a GeoJSON Polygon or MultiPolygon, or null.</summary>
    internal static IReadOnlyList<IReadOnlyList<GeoPoint>>? Footprint(JsonElement? geometry)
    {
        if (geometry is not { ValueKind: JsonValueKind.Object } g
            || !g.TryGetProperty("type", out var type)
            || !g.TryGetProperty("coordinates", out var coordinates))
        {
            return null;
        }

        var rings = new List<IReadOnlyList<GeoPoint>>();
        switch (type.GetString())
        {
            case "Polygon":
                AddOuterRing(coordinates, rings);
                break;
            case "MultiPolygon":
                foreach (var polygon in coordinates.EnumerateArray())
                {
                    AddOuterRing(polygon, rings);
                }

                break;
            default:
                return null;
        }

        return rings.Count > 0 ? rings : null;
    }

    private static void AddOuterRing(JsonElement polygon, List<IReadOnlyList<GeoPoint>> rings)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            return;
        }

        var ring = new List<GeoPoint>();
        foreach (var position in polygon[0].EnumerateArray())
        {
            if (position.ValueKind == JsonValueKind.Array && position.GetArrayLength() >= 2
                && position[0].TryGetDouble(out var lon) && position[1].TryGetDouble(out var lat))
            {
                ring.Add(new GeoPoint(lon, lat));
            }
        }

        if (ring.Count >= 4)
        {
            rings.Add(ring);
        }
    }
}
