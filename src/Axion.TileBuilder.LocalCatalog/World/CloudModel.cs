namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The clouds of one Sentinel-2 scene, defined on the ground (not on a pixel grid). Each blob is placed in
/// local metres around the location; opaque blobs cast a shadow: the same shape displaced by
/// (<see cref="ShadowEastM"/>, <see cref="ShadowNorthM"/>).
/// </summary>
/// <param name="LocationLongitude">Longitude of the local origin, degrees.</param>
/// <param name="LocationLatitude">Latitude of the local origin, degrees.</param>
/// <param name="Blobs">The clouds; an opaque blob wins over a cirrus one where they overlap.</param>
/// <param name="ShadowEastM">Shadow displacement, metres east.</param>
/// <param name="ShadowNorthM">Shadow displacement, metres north.</param>
public sealed record CloudModel(
    double LocationLongitude,
    double LocationLatitude,
    IReadOnlyList<CloudBlob> Blobs,
    double ShadowEastM,
    double ShadowNorthM)
{
    /// <summary>Metres per degree of latitude used by <see cref="LocalMetres"/>.</summary>
    public const double MetresPerDegreeLatitude = 110574;

    /// <summary>Metres per degree of longitude at the equator used by <see cref="LocalMetres"/>.</summary>
    public const double MetresPerDegreeLongitude = 111320;

    /// <summary>
    /// Local ground coordinates of a point: east = dLon * 111320 * cos(location latitude), north = dLat * 110574.
    /// </summary>
    public (double EastM, double NorthM) LocalMetres(double longitude, double latitude)
    {
        var dLon = Geo.Utm.NormalizeLongitude(longitude - LocationLongitude);
        var east = dLon * MetresPerDegreeLongitude * Math.Cos(LocationLatitude * Math.PI / 180);
        var north = (latitude - LocationLatitude) * MetresPerDegreeLatitude;
        return (east, north);
    }

    /// <summary>
    /// The cloud class at a ground point: 9/8 (opaque core/rim), 10 (cirrus), 3 (shadow) or 0 (clear).
    /// </summary>
    public byte ClassAt(double longitude, double latitude)
    {
        var (east, north) = LocalMetres(longitude, latitude);
        var cirrus = false;
        foreach (var blob in Blobs)
        {
            var d = blob.NormalizedDistance(east, north);
            if (d > 1)
            {
                continue;
            }

            if (blob.Kind == CloudKind.Opaque)
            {
                return d < CloudBlob.CoreRadius ? SclClass.CloudHigh : SclClass.CloudMedium;
            }

            cirrus = true;
        }

        if (cirrus)
        {
            return SclClass.ThinCirrus;
        }

        foreach (var blob in Blobs)
        {
            if (blob.Kind == CloudKind.Opaque && blob.NormalizedDistance(east - ShadowEastM, north - ShadowNorthM) <= 1)
            {
                return SclClass.CloudShadow;
            }
        }

        return 0;
    }
}
