namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>
/// Which real catalog a local server's <see cref="LocalCatalogServer.PrimaryStacRoot"/> imitates.
/// Both flavours are always served; the flavour only picks the primary root.
/// </summary>
public enum CatalogFlavor
{
    /// <summary>Microsoft Planetary Computer (<c>planetary-computer</c>): root <c>/api/stac/v1</c>, SAS-signed assets.</summary>
    PlanetaryComputer,

    /// <summary>Element 84 Earth Search v1 (<c>earth-search</c>): root <c>/v1</c>, public assets.</summary>
    EarthSearch,
}
