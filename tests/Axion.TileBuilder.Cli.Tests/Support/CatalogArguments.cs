using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>The command-line arguments that point a build at a local catalog.</summary>
internal static class CatalogArguments
{
    /// <summary>The <c>--stac-url</c> and <c>--token-url</c> of <paramref name="server"/>'s Planetary Computer flavour.</summary>
    public static IReadOnlyList<string> PlanetaryComputer(LocalCatalogServer server) =>
    [
        "--stac-url", server.PlanetaryComputerStacRoot.AbsoluteUri.TrimEnd('/'),
        "--token-url", server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/'),
    ];
}
