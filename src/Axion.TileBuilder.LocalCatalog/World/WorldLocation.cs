namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>A place the synthetic world is built around.</summary>
/// <param name="Id">Unique id (the CSV row id).</param>
/// <param name="Latitude">Degrees, WGS 84, -80..84.</param>
/// <param name="Longitude">Degrees, WGS 84.</param>
/// <param name="Layout">Scene layout for this location; default <see cref="WorldLayout.Normal"/>.</param>
public sealed record WorldLocation(string Id, double Latitude, double Longitude, WorldLayout Layout = WorldLayout.Normal);
