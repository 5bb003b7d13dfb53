namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>The fields of a tile's <c>meta</c> JSON the validator uses; null where absent or invalid.</summary>
/// <param name="RowId">The location id.</param>
/// <param name="TileRow">Tile row in the AOI grid (&gt;= 0).</param>
/// <param name="TileCol">Tile column in the AOI grid (&gt;= 0).</param>
/// <param name="Width">Tile width in pixels; 256 when the meta does not say.</param>
/// <param name="Height">Tile height in pixels; 256 when the meta does not say.</param>
/// <param name="ValidFraction">The valid fraction the writer recorded (0..1).</param>
internal sealed record TileMeta(string? RowId, int? TileRow, int? TileCol, int Width, int Height, double? ValidFraction)
{
    /// <summary>
    /// The Sentinel-2 keys <c>meta.s2_bands</c> lists, in order (tiles built with <c>--bands</c>); null when the meta has no
    /// such list: the default bands, <c>s2_b2 s2_b3 s2_b4 s2_b8</c>.
    /// </summary>
    public IReadOnlyList<string>? S2Keys { get; init; }

    /// <summary>The tile's timestep (<c>meta.timestep</c>) in a batch of several; null in a batch of one.</summary>
    public int? Timestep { get; init; }

    /// <summary>The tile size of the contract, pixels.</summary>
    public const int DefaultSize = 256;

    /// <summary>Used when the meta cannot be read: the default size, nothing else known.</summary>
    public static TileMeta Unknown { get; } = new(null, null, null, DefaultSize, DefaultSize, null);
}
