namespace Axion.TileBuilder.Geo;

/// <summary>A WGS 84 position.</summary>
/// <param name="Longitude">Degrees east, -180..180.</param>
/// <param name="Latitude">Degrees north, -90..90.</param>
public readonly record struct GeoPoint(double Longitude, double Latitude);
