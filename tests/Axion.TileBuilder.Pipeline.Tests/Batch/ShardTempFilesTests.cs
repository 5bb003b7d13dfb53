using Axion.TileBuilder.Output.IO;
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
        // Temporary files live in the temp folder; one left next to the tiles is not looked for (the out dir is not listed).
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File(AtomicRename.TempFolderName));
        var t = AtomicRename.TempFolderName + "/";
        string[] own = [t + ".tile_iowa-cropland_0_1.npz.tmp-0a1b2c", t + ".tile_black-forest_1_0.tif.tmp-99", t + ".iowa-cropland.png.tmp-7f"];
        string[] others = [t + ".tile_algarve-coast_0_0.npz.tmp-0a1b2c", t + ".algarve-coast.png.tmp-1", t + ".index.csv.tmp-3", "tile_iowa-cropland_0_0.npz", ".tile_iowa-cropland_0_0.npz.tmp-5"];
        foreach (var name in own.Concat(others))
        {
            File.WriteAllText(temp.File(name), "x");
        }

        Assert.Equal(3, ShardTempFiles.RemoveOrphansOf(temp.Path, new ShardSpec(1, 3)));

        Assert.All(own, name => Assert.False(File.Exists(temp.File(name)), name));
        Assert.All(others, name => Assert.True(File.Exists(temp.File(name)), name));
    }
}
