using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Tests.Quicklooks;

public sealed class QuicklookInputTests
{
    [Fact]
    public void From_bands_marks_every_unwritten_grid_cell_rejected()
    {
        var grid = AoiGridPlanner.Plan(new LocationRow("q-1", 2, 48.85, 2.35), 2, 2, 16, 10);
        var n = grid.Width * grid.Height;
        var bands = new BandSet(new float[n], new float[n], [new float[n], new float[n], new float[n], new float[n]], new byte[n]);
        (int, int)[] written = [(0, 1), (1, 0)];

        var input = QuicklookInput.FromBands(bands, grid, written);

        input.Validate();
        Assert.Equal((32, 32, 16, 2, 2), (input.Width, input.Height, input.TileSize, input.TilesX, input.TilesY));
        Assert.Same(bands.S1Vv, input.S1Vv);
        Assert.Equal(
            [
                QuicklookTile.RejectedAt(0, 0, QuicklookInput.DefaultRejectedReason),
                QuicklookTile.WrittenAt(0, 1),
                QuicklookTile.WrittenAt(1, 0),
                QuicklookTile.RejectedAt(1, 1, QuicklookInput.DefaultRejectedReason),
            ],
            input.Tiles);
    }
}
