using Axion.TileBuilder.Grid;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// Which tiles of a row are written: each tile's valid fraction (the share of its pixels where every band is finite) against
/// the minimum (<c>--min-valid</c>). Known before any tile is written, so the quicklook, which marks the rejected tiles,
/// can be drawn while the tiles are written.
/// </summary>
public sealed class TileSelection
{
    private readonly double[] _fractions;
    private readonly int _tilesX;

    private TileSelection(double[] fractions, int tilesX, double minValid)
    {
        _fractions = fractions;
        _tilesX = tilesX;
        MinValid = minValid;
        Written = [.. Enumerable.Range(0, fractions.Length).Where(i => fractions[i] >= minValid).Select(i => (i / tilesX, i % tilesX))];
    }

    /// <summary>The smallest valid fraction of a tile that is written.</summary>
    public double MinValid { get; }

    /// <summary>The tiles that are written, row-major.</summary>
    public IReadOnlyList<(int TileRow, int TileCol)> Written { get; }

    /// <summary>Tiles below <see cref="MinValid"/>.</summary>
    public int Rejected => _fractions.Length - Written.Count;

    /// <summary>Measures every tile of <paramref name="grid"/> in <paramref name="bands"/> (tiles in parallel, at most <paramref name="parallelism"/> at once).</summary>
    public static TileSelection Of(BandSet bands, AoiGrid grid, double minValid, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(grid);
        float[][] sources = [bands.S1Vv, bands.S1Vh, .. bands.S2];
        var fractions = new double[grid.TilesX * grid.TilesY];
        Parallel.For(0, fractions.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var window = grid.TileWindow(i / grid.TilesX, i % grid.TilesX);
            var size = grid.TileSize;
            var ok = new bool[size];
            var valid = 0;
            for (var r = 0; r < size; r++)
            {
                // Band by band over the tile's row (contiguous spans), then the pixels valid in every band counted.
                ok.AsSpan().Fill(true);
                var start = ((window.YOff + r) * grid.Width) + window.XOff;
                foreach (var band in sources)
                {
                    var row = band.AsSpan(start, size);
                    for (var x = 0; x < row.Length; x++)
                    {
                        ok[x] &= float.IsFinite(row[x]);
                    }
                }

                valid += ok.AsSpan().Count(true);
            }

            fractions[i] = (double)valid / (size * size);
        });
        return new TileSelection(fractions, grid.TilesX, minValid);
    }

    /// <summary>A pixel is valid when every band is finite there.</summary>
    public static bool IsValid(float[][] bands, int index)
    {
        foreach (var band in bands)
        {
            if (!float.IsFinite(band[index]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The valid fraction of the tile at (<paramref name="tileRow"/>, <paramref name="tileCol"/>).</summary>
    public double FractionAt(int tileRow, int tileCol) => _fractions[(tileRow * _tilesX) + tileCol];

    /// <summary>True when the tile is written.</summary>
    public bool Writes(int tileRow, int tileCol) => FractionAt(tileRow, tileCol) >= MinValid;
}
