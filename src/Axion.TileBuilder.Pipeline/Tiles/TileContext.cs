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
    string ToolVersion);
