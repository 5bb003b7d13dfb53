using Axion.TileBuilder.Options;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Stac.Search;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>Everything a row needs that is shared by all rows of a batch.</summary>
public sealed record RowEnvironment
{
    public required CatalogProfile Profile { get; init; }

    public required BuildOptions Options { get; init; }

    public required string OutDir { get; init; }

    /// <summary>Today's date (UTC) for the default date window.</summary>
    public required DateOnly Today { get; init; }

    public required StacClient Sentinel2Catalog { get; init; }

    public required StacClient Sentinel1Catalog { get; init; }

    public required AssetReader Sentinel2Reader { get; init; }

    public required AssetReader Sentinel1Reader { get; init; }

    public required ILogger Log { get; init; }

    /// <summary>Tool version written into each tile's metadata.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>
    /// Read the band windows of a row's best Sentinel-2 acquisition while its SCL is checked (<see cref="Planning.ReadAhead"/>).
    /// True for a build; false (default) for <c>plan</c>, which reads no band pixels.
    /// </summary>
    public bool ReadAheadBands { get; init; }

    /// <summary>Write <c>quicklooks/&lt;id&gt;.png</c> for every done row. Default true.</summary>
    public bool Quicklooks { get; init; } = true;
}
