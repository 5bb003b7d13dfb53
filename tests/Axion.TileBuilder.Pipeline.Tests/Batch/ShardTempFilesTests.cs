using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

public sealed class ShardTempFilesTests
{
    [Fact]
    public void Only_the_temporary_files_of_the_shards_own_rows_are_removed()
    {
        // Pinned: iowa-cropland and black-forest are in shard 1 of 3, algarve-coast in shard 2.
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("quicklooks"));
        string[] own = [".tile_iowa-cropland_0_1.npz.tmp-0a1b2c", ".tile_black-forest_1_0.tif.tmp-99", "quicklooks/.iowa-cropland.png.tmp-7f"];
        string[] others = [".tile_algarve-coast_0_0.npz.tmp-0a1b2c", "quicklooks/.algarve-coast.png.tmp-1", ".index.csv.tmp-3", "tile_iowa-cropland_0_0.npz"];
        foreach (var name in own.Concat(others))
        {
            File.WriteAllText(temp.File(name), "x");
        }

        Assert.Equal(3, ShardTempFiles.RemoveOrphansOf(temp.Path, new ShardSpec(1, 3)));

        Assert.All(own, name => Assert.False(File.Exists(temp.File(name)), name));
        Assert.All(others, name => Assert.True(File.Exists(temp.File(name)), name));
    }
}
