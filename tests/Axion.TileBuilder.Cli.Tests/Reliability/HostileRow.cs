namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>A CSV row of the hostile-catalog test and how the proxy answers its Sentinel-2 searches.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Latitude">Degrees.</param>
/// <param name="Longitude">Degrees.</param>
/// <param name="Kind">The answer.</param>
/// <param name="Href">For <see cref="HostileKind.AssetHref"/>: the href every asset gets.</param>
public sealed record HostileRow(string Id, double Latitude, double Longitude, HostileKind Kind, string? Href = null);
