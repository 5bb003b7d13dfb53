namespace Axion.TileBuilder.Locations;

/// <summary>One valid row of the locations CSV.</summary>
/// <param name="Id">Safe identifier (names output files): 1..100 of <c>[A-Za-z0-9._-]</c>, see <see cref="LocationIdRules"/>.</param>
/// <param name="Line">1-based line of the file where the row starts (the header is line 1).</param>
/// <param name="Latitude">Degrees north, -84..84 (UTM is not used beyond).</param>
/// <param name="Longitude">Degrees east, -180..180.</param>
/// <param name="Start">First day of the row's date window (UTC), or null to use the command line or the default.</param>
/// <param name="End">Last day (inclusive, UTC) of the row's date window, or null to use the command line or the default.</param>
/// <param name="TilesX">Tiles across (1..16), or null to use the default.</param>
/// <param name="TilesY">Tiles down (1..16), or null to use the default.</param>
/// <param name="Description">Free text kept from the <c>description</c> column, or null.</param>
public sealed record LocationRow(
    string Id,
    int Line,
    double Latitude,
    double Longitude,
    DateOnly? Start = null,
    DateOnly? End = null,
    int? TilesX = null,
    int? TilesY = null,
    string? Description = null);
