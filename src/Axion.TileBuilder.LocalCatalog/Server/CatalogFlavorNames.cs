using System.Diagnostics.CodeAnalysis;

namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>The command-line names of <see cref="CatalogFlavor"/>: <c>planetary-computer</c> and <c>earth-search</c>.</summary>
public static class CatalogFlavorNames
{
    /// <summary>Name of <see cref="CatalogFlavor.PlanetaryComputer"/>.</summary>
    public const string PlanetaryComputer = "planetary-computer";

    /// <summary>Name of <see cref="CatalogFlavor.EarthSearch"/>.</summary>
    public const string EarthSearch = "earth-search";

    /// <summary>The command-line name of a flavour.</summary>
    public static string ToName(CatalogFlavor flavor) => flavor switch
    {
        CatalogFlavor.PlanetaryComputer => PlanetaryComputer,
        CatalogFlavor.EarthSearch => EarthSearch,
        _ => throw new ArgumentOutOfRangeException(nameof(flavor), flavor, "Unknown catalog flavour."),
    };

    /// <summary>Parses <c>planetary-computer</c> / <c>earth-search</c> (case-insensitive).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out CatalogFlavor? flavor)
    {
        flavor = name?.Trim().ToUpperInvariant() switch
        {
            "PLANETARY-COMPUTER" => CatalogFlavor.PlanetaryComputer,
            "EARTH-SEARCH" => CatalogFlavor.EarthSearch,
            _ => null,
        };
        return flavor is not null;
    }

    /// <summary>Parses a flavour name or throws an <see cref="ArgumentException"/> quoting it.</summary>
    public static CatalogFlavor Parse(string name) => TryParse(name, out var flavor)
        ? flavor.Value
        : throw new ArgumentException(
            $"Unknown catalog flavour '{name}': expected '{PlanetaryComputer}' or '{EarthSearch}'.", nameof(name));
}
