using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Selection;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>Maps STAC items to the pure selection model.</summary>
internal static class StacMapping
{
    public static SceneCandidate ToCandidate(StacItem item, string collection, IEnumerable<string> requiredAssetKeys)
    {
        var missing = requiredAssetKeys.Where(k => !item.Assets.ContainsKey(k)).ToList();
        return new SceneCandidate
        {
            Id = item.Id,
            Collection = item.Collection ?? collection,
            Datetime = item.Datetime,
            BboxLonLat = item.Bbox is { Length: >= 4 } b ? [b[0], b[1], b[^2], b[^1]] : [],
            CloudCover = item.CloudCover,
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
