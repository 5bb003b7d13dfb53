namespace Axion.TileBuilder.Output.Index;

/// <summary>Column names of <c>index.csv</c> (also the GeoJSON property names), in file order.</summary>
public static class TileIndexColumns
{
    public const string TileId = "tile_id";
    public const string RowId = "row_id";
    public const string TileRow = "tile_row";
    public const string TileCol = "tile_col";
    public const string File = "file";
    public const string Epsg = "epsg";
    public const string MinX = "min_x";
    public const string MinY = "min_y";
    public const string MaxX = "max_x";
    public const string MaxY = "max_y";
    public const string S2ItemId = "s2_item_id";
    public const string S2Datetime = "s2_datetime";
    public const string S1ItemId = "s1_item_id";
    public const string S1Datetime = "s1_datetime";
    public const string DeltaDays = "delta_days";
    public const string CloudFractionAoi = "cloud_fraction_aoi";
    public const string ValidFraction = "valid_fraction";
    public const string OffsetRule = "offset_rule";

    /// <summary>The footprint as WKT (<c>POLYGON ((lon lat, ...))</c>); CSV only, GeoJSON has it as geometry.</summary>
    public const string FootprintWkt = "footprint_wkt";

    /// <summary>Every Sentinel-2 item read for the tile, merge order, joined with <c>;</c> (two or more for a mosaic of one pass).</summary>
    public const string S2ItemIds = "s2_item_ids";

    /// <summary>Every Sentinel-1 item read for the tile, merge order, joined with <c>;</c>.</summary>
    public const string S1ItemIds = "s1_item_ids";

    /// <summary>The tile's timestep, 0 = oldest part of the row's date window (<c>--timesteps</c>); empty in a batch of one.</summary>
    public const string Timestep = "timestep";

    /// <summary>First day of the tile's timestep, <c>yyyy-MM-dd</c>; empty in a batch of one.</summary>
    public const string TimestepStart = "timestep_start";

    /// <summary>Last day (inclusive) of the tile's timestep, <c>yyyy-MM-dd</c>; empty in a batch of one.</summary>
    public const string TimestepEnd = "timestep_end";

    /// <summary>All CSV columns in order.</summary>
    public static IReadOnlyList<string> Csv { get; } =
    [
        TileId, RowId, TileRow, TileCol, File, Epsg, MinX, MinY, MaxX, MaxY,
        S2ItemId, S2Datetime, S1ItemId, S1Datetime, DeltaDays, CloudFractionAoi, ValidFraction, OffsetRule, FootprintWkt,
        S2ItemIds, S1ItemIds, Timestep, TimestepStart, TimestepEnd,
    ];

    /// <summary>Columns a reader accepts missing (added after the first index layout; empty when absent).</summary>
    public static IReadOnlyList<string> Optional { get; } = [S2ItemIds, S1ItemIds, Timestep, TimestepStart, TimestepEnd];
}
