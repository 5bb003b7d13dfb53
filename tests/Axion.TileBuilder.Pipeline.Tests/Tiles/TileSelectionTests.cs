using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Tests.Tiles;

/// <summary>Which tiles of a row are written: a pixel is valid when every band is finite there, each counted once.</summary>
public sealed class TileSelectionTests
{
    private const int Size = 16;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Each_tile_counts_the_pixels_finite_in_every_band_once_and_is_written_from_the_minimum_on(int parallelism)
    {
        var grid = AoiGridPlanner.Plan(new LocationRow("sel-1", 2, 48.85, 2.35), 2, 2, Size, 10);
        var n = grid.Width * grid.Height;
        var bands = new BandSet(new float[n], new float[n], [new float[n], new float[n], new float[n], new float[n]], new byte[n]);
        int At(int x, int y) => (y * grid.Width) + x;

        // Tile (0, 0): 16 pixels of its first row NaN in VV, 8 of them also NaN in B02: 16 invalid.
        for (var x = 0; x < Size; x++)
        {
            bands.S1Vv[At(x, 0)] = float.NaN;
            bands.S2[0][At(x / 2, 0)] = float.NaN;
        }

        // Tile (0, 1): one infinite pixel in B08; tile (1, 0): every pixel of its last column NaN in VH; tile (1, 1): none.
        bands.S2[3][At(Size + 3, 5)] = float.PositiveInfinity;
        for (var y = Size; y < 2 * Size; y++)
        {
            bands.S1Vh[At(Size - 1, y)] = float.NaN;
        }

        var selection = TileSelection.Of(bands, grid, minValid: 0.95, parallelism);

        Assert.Equal(240.0 / 256, selection.FractionAt(0, 0));
        Assert.Equal(255.0 / 256, selection.FractionAt(0, 1));
        Assert.Equal(240.0 / 256, selection.FractionAt(1, 0));
        Assert.Equal(1.0, selection.FractionAt(1, 1));
        Assert.Equal([(0, 1), (1, 1)], selection.Written);
        Assert.Equal(2, selection.Rejected);
        Assert.False(selection.Writes(0, 0));
        Assert.True(selection.Writes(0, 1));
    }
}
