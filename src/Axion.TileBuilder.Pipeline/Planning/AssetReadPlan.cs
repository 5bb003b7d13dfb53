using System.Text.Json.Serialization;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Pipeline.Reading;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>How one asset will be read onto the AOI grid, decided from its COG header, and what that costs.</summary>
public sealed record AssetReadPlan
{
    /// <summary>Band role: <c>SCL</c>, <c>B02</c>, <c>B03</c>, <c>B04</c>, <c>B08</c>, <c>vv</c>, <c>vh</c>.</summary>
    public required string Band { get; init; }

    /// <summary>STAC item id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Asset key in the item.</summary>
    public required string AssetKey { get; init; }

    /// <summary>Unsigned href (signed again at read time).</summary>
    public required string Href { get; init; }

    /// <summary>Aligned pixel copy or warp.</summary>
    public required ReadMethod Method { get; init; }

    /// <summary>gdalwarp <c>-r</c> name used when warped (and the sampling rule of aligned copies: <c>near</c>).</summary>
    public required string Resampling { get; init; }

    /// <summary>EPSG code of the source raster, or null when it has none.</summary>
    public int? SourceEpsg { get; init; }

    /// <summary>Source raster width, pixels.</summary>
    public required int SourceWidth { get; init; }

    /// <summary>Source raster height, pixels.</summary>
    public required int SourceHeight { get; init; }

    /// <summary>Source pixel size, CRS units (metres); 0 for sources geolocated by GCPs.</summary>
    public required double SourcePixelSize { get; init; }

    /// <summary>
    /// How source pixels are located when it is not the source's geotransform: <c>gcp-tps</c> for rasters geolocated only
    /// by ground control points (Sentinel-1 GRD), warped with a thin-plate spline; the <see cref="SourceWindow"/> is then an
    /// estimate (order-2 polynomial through the GCPs, padded). Null otherwise.
    /// </summary>
    public string? Transform { get; init; }

    /// <summary>The source pixels the read needs, or null when the AOI misses the raster.</summary>
    public PixelWindow? SourceWindow { get; init; }

    /// <summary>Source block (tile) width, pixels.</summary>
    public required int BlockWidth { get; init; }

    /// <summary>Source block (tile) height, pixels.</summary>
    public required int BlockHeight { get; init; }

    /// <summary>Expected network cost of the read from the block layout.</summary>
    public required CogReadEstimate Estimate { get; init; }

    /// <summary>True when the read already happened in the plan phase (the chosen scene's SCL): its bytes are in <see cref="RowPlan.PlanBytes"/>.</summary>
    public bool ReadInPlan { get; init; }

    /// <summary>What the execute phase reads (not serialised).</summary>
    [JsonIgnore]
    public AssetRef? Asset { get; init; }
}
