using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Tests.Tiles;

public class TileNamesTests
{
    [Theory]
    [InlineData("a", 0, 0, "tile_a_0_0.npz")]
    [InlineData("site-12.b", 3, 14, "tile_site-12.b_3_14.npz")]
    [InlineData("x_1", 10, 2, "tile_x_1_10_2.npz")]
    public void FileName_is_tile_id_row_col_npz(string id, int row, int col, string expected)
    {
        Assert.Equal(expected, TileNames.FileName(id, row, col));
    }

    [Theory]
    [InlineData("a", 0, 0, 0, "tile_a_0_0_t0.npz")]
    [InlineData("x_1", 10, 2, 3, "tile_x_1_10_2_t3.npz")]
    public void FileName_of_a_timestep_ends_in_t_k(string id, int row, int col, int timestep, string expected)
    {
        Assert.Equal(expected, TileNames.FileName(id, row, col, timestep));
        Assert.True(TileNames.BelongsTo(expected, id));
    }

    [Fact]
    public void NamesOf_several_timesteps_lists_every_tile_of_every_timestep_oldest_first()
    {
        Assert.Equal(["tile_a_0_0.npz", "tile_a_0_1.npz"], TileNames.NamesOf("a", tilesX: 2, tilesY: 1));
        Assert.Equal(
            ["tile_a_0_0_t0.npz", "tile_a_0_1_t0.npz", "tile_a_0_0_t1.npz", "tile_a_0_1_t1.npz", "tile_a_0_0_t2.npz", "tile_a_0_1_t2.npz"],
            TileNames.NamesOf("a", tilesX: 2, tilesY: 1, timesteps: 3));
    }

    [Fact]
    public void DeleteTilesOf_several_timesteps_deletes_every_timesteps_tiles_and_not_another_rows()
    {
        using var dir = new TempDirectory();
        string[] mine = ["tile_a_0_0_t0.npz", "tile_a_0_0_t3.npz", "tile_a_1_1_t2.npz", "tile_a_1_1_t2.tif"];
        string[] others = ["tile_a_0_0_t4.npz", "tile_a_0_0.npz", "tile_a_0_0_t1.npz.tmp", "tile_b_0_0_t0.npz"];
        foreach (var name in mine.Concat(others))
        {
            File.WriteAllText(dir.File(name), name);
        }

        Assert.Equal(3, TileNames.DeleteTilesOf(dir.Path, "a", tilesX: 2, tilesY: 2, timesteps: 4));
        Assert.Equal(others.Order(StringComparer.Ordinal), Directory.EnumerateFiles(dir.Path).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("tile_a_0_0_t1.npz", "a", true)]
    [InlineData("tile_a_0_0_t12.npz", "a", true)]
    [InlineData("tile_a_0_0_t.npz", "a", false)]
    [InlineData("tile_a_0_0_tx.npz", "a", false)]
    [InlineData("tile_a_0_0_t1.npz", "a_0", false)]
    [InlineData("tile_a_0_0.npz", "a", true)]
    [InlineData("tile_a_12_3.npz", "a", true)]
    [InlineData("tile_a_0_0_0.npz", "a", false)]
    [InlineData("tile_a_0_0_0.npz", "a_0", true)]
    [InlineData("tile_a_0.npz", "a", false)]
    [InlineData("tile_ab_0_0.npz", "a", false)]
    [InlineData("tile_a_0_0.npz", "ab", false)]
    [InlineData("tile_a_0_0.npz.tmp", "a", false)]
    [InlineData("tile_a_x_0.npz", "a", false)]
    [InlineData("tile_a.b_0_0.npz", "a", false)]
    [InlineData("tile_a.b_0_0.npz", "a.b", true)]
    public void BelongsTo_matches_only_the_rows_own_tiles(string file, string rowId, bool expected)
    {
        Assert.Equal(expected, TileNames.BelongsTo(file, rowId));
    }

    [Fact]
    public void BelongsTo_inverts_FileName()
    {
        foreach (var id in new[] { "a", "a_0", "a_0_0", "site.1-b" })
        {
            var name = TileNames.FileName(id, 7, 11);
            Assert.True(TileNames.BelongsTo(name, id));
            foreach (var other in new[] { "a", "a_0", "a_0_0", "site.1-b" }.Where(o => o != id))
            {
                Assert.False(TileNames.BelongsTo(name, other), $"{name} must not belong to {other}");
            }
        }
    }

    [Fact]
    public void DeleteTilesOf_deletes_the_names_of_the_rows_grid_and_nothing_else()
    {
        using var dir = new TempDirectory();
        string[] mine = ["tile_a_0_0.npz", "tile_a_0_1.npz", "tile_a_1_2.npz", "tile_a_1_2.tif"];

        // tile_a_2_0 and tile_a_0_3 are named like the row's tiles but lie outside its 3 x 2 grid: left alone, which
        // proves the names are computed from the grid, not found by listing the folder.
        string[] others = ["tile_a_2_0.npz", "tile_a_0_3.npz", "tile_a_0_0_0.npz", "tile_ab_0_0.npz", "tile_b_0_0.npz", "tile_a_0_0.npy", "index.csv", ".tile_a_0_0.npz.tmp-1"];
        foreach (var name in mine.Concat(others))
        {
            File.WriteAllText(dir.File(name), name);
        }

        var deleted = TileNames.DeleteTilesOf(dir.Path, "a", tilesX: 3, tilesY: 2);

        Assert.Equal(3, deleted);
        var left = Directory.EnumerateFiles(dir.Path).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(others.Order(StringComparer.Ordinal).ToArray(), left);
    }

    [Fact]
    public void DeleteTilesOf_a_row_whose_id_extends_another()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "tile_a_0_0.npz", "tile_a_0_0_0.npz", "tile_a_0_1_2.npz" })
        {
            File.WriteAllText(dir.File(name), name);
        }

        Assert.Equal(2, TileNames.DeleteTilesOf(dir.Path, "a_0", tilesX: 3, tilesY: 2));
        Assert.Equal(["tile_a_0_0.npz"], Directory.EnumerateFiles(dir.Path).Select(p => Path.GetFileName(p)).ToArray());
        Assert.Equal(0, TileNames.DeleteTilesOf(dir.Path, "b", tilesX: 16, tilesY: 16));
    }
}
