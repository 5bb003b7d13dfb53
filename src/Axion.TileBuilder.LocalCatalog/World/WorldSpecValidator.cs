using System.Globalization;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Checks a <see cref="WorldSpec"/> before planning.</summary>
internal static class WorldSpecValidator
{
    public static void Validate(WorldSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Locations is null || spec.Locations.Count == 0)
        {
            throw new InvalidWorldSpecException("A world needs at least one location.");
        }

        if (spec.ScenePx < 256 || spec.ScenePx > 20000 || spec.ScenePx % 2 != 0)
        {
            throw new InvalidWorldSpecException(Invariant($"ScenePx must be even and within 256..20000, got {spec.ScenePx}."));
        }

        if (!double.IsFinite(spec.AoiSizeM) || spec.AoiSizeM <= 0)
        {
            throw new InvalidWorldSpecException(Invariant($"AoiSizeM must be a positive number of metres, got {spec.AoiSizeM}."));
        }

        HashSet<string> ids = new(StringComparer.Ordinal);
        foreach (var location in spec.Locations)
        {
            if (string.IsNullOrWhiteSpace(location.Id) || location.Id.IndexOfAny(['/', '\\']) >= 0)
            {
                throw new InvalidWorldSpecException($"Location id '{location.Id}' must be non-empty without '/' or '\\'.");
            }

            if (!ids.Add(location.Id))
            {
                throw new InvalidWorldSpecException($"Location id '{location.Id}' appears twice.");
            }

            if (!double.IsFinite(location.Latitude) || location.Latitude < -80 || location.Latitude >= 84)
            {
                throw new InvalidWorldSpecException(Invariant($"Location '{location.Id}': latitude {location.Latitude} is outside UTM's -80..84."));
            }

            if (!double.IsFinite(location.Longitude) || location.Longitude < -180 || location.Longitude > 180)
            {
                throw new InvalidWorldSpecException(Invariant($"Location '{location.Id}': longitude {location.Longitude} is outside -180..180."));
            }

            if (!Enum.IsDefined(location.Layout))
            {
                throw new InvalidWorldSpecException($"Location '{location.Id}': layout {location.Layout} is not supported.");
            }

            if (location.Layout is (WorldLayout.ZoneEdge or WorldLayout.ZoneEdgeStraddle) && DegreesFromZoneEdge(location) > 1)
            {
                throw new InvalidWorldSpecException(Invariant(
                    $"Location '{location.Id}': layout {location.Layout} needs a place within 1 degree of a UTM zone boundary, longitude {location.Longitude} is {DegreesFromZoneEdge(location):0.###} degrees away."));
            }
        }
    }

    private static double DegreesFromZoneEdge(WorldLocation location)
    {
        var zone = Geo.Utm.ZoneFor(location.Latitude, location.Longitude);
        return 3 - Math.Abs(Geo.Utm.NormalizeLongitude(location.Longitude) - Geo.Utm.CentralMeridian(zone));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
