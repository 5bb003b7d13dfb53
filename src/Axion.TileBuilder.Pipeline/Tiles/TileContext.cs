using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>What every tile of a row shares: the row, its grid and the scenes it came from.</summary>
public sealed record TileContext(
    LocationRow Row,
    AoiGrid Grid,
    StacItem S2Item,
    StacItem S1Item,
    double DeltaDays,
    string OffsetRule,
    double AoiClearFraction,
    string ToolVersion)
{
    /// <summary>Every Sentinel-2 item merged into the row's bands, merge order; null = <see cref="S2Item"/> alone.</summary>
    public IReadOnlyList<string>? S2ItemIds { get; init; }

    /// <summary>Every Sentinel-1 item merged into the row's bands, merge order; null = <see cref="S1Item"/> alone.</summary>
    public IReadOnlyList<string>? S1ItemIds { get; init; }
}
