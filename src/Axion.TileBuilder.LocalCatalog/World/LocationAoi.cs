using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The square AOI of a location in its own UTM zone: <see cref="WorldSpec.AoiSizeM"/> wide, centred on the
/// location's easting/northing. Every scene of the location covers it with valid data, and the cloud plan
/// (scenes A-D) is stated over it.
/// </summary>
/// <param name="Epsg">UTM EPSG code of the location's zone.</param>
/// <param name="CenterEasting">Location easting, metres.</param>
/// <param name="CenterNorthing">Location northing, metres.</param>
/// <param name="SizeM">Side, metres.</param>
public sealed record LocationAoi(int Epsg, double CenterEasting, double CenterNorthing, double SizeM)
{
    public double MinEasting => CenterEasting - (SizeM / 2);

    public double MaxEasting => CenterEasting + (SizeM / 2);

    public double MinNorthing => CenterNorthing - (SizeM / 2);

    public double MaxNorthing => CenterNorthing + (SizeM / 2);

    /// <summary>The AOI of a location under a spec.</summary>
    public static LocationAoi For(WorldLocation location, WorldSpec spec)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(spec);
        var zone = Utm.ZoneFor(location.Latitude, location.Longitude);
        var north = location.Latitude >= 0;
        var (e, n) = Utm.Forward(location.Longitude, location.Latitude, zone, north);
        return new LocationAoi(Utm.EpsgFor(zone, north), e, n, spec.AoiSizeM);
    }

    /// <summary>True when a grid point of the AOI's zone is inside it.</summary>
    public bool Contains(double easting, double northing) =>
        easting >= MinEasting && easting <= MaxEasting && northing >= MinNorthing && northing <= MaxNorthing;
}
