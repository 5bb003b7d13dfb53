using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

public sealed class RowFileCleanupTests
{
    [Fact]
    public void RowFiles_take_the_rows_tiles_value_else_the_batch_default()
    {
        var settings = new RunSettings { CsvPath = "a.csv", Profile = BuiltInProfiles.PlanetaryComputer, TilesX = 2, TilesY = 3 };

        Assert.Equal(new RowFiles("out", "a", 2, 3), RowFiles.Of("out", new LocationRow("a", 2, 10, 20), settings));
        Assert.Equal(new RowFiles("out", "b", 4, 1), RowFiles.Of("out", new LocationRow("b", 3, 10, 20, TilesX: 4, TilesY: 1), settings));
    }

    [Fact]
    public void BeforeAttempt_removes_an_interrupted_attempts_tiles_and_quicklook_by_name_without_listing_the_out_dir()
    {
        using var dir = new TempDirectory();
        string[] interrupted = ["tile_a_0_0.npz", "tile_a_1_1.npz", "tile_a_1_1.tif", "quicklooks/a.png"];

        // Named like row a's tiles but outside its 2 x 2 grid (an enumeration of the folder would take it), and other rows' files.
        string[] kept = ["tile_a_2_2.npz", "tile_a_0_0_0.npz", "tile_b_0_0.npz", "quicklooks/b.png", "index.csv"];
        Write(dir, interrupted.Concat(kept));

        var removed = RowFileCleanup.BeforeAttempt(new RowFiles(dir.Path, "a", 2, 2));

        Assert.Equal(2, removed);
        Assert.All(interrupted, name => Assert.False(File.Exists(dir.File(name)), name));
        Assert.All(kept, name => Assert.True(File.Exists(dir.File(name)), name));
    }

    [Fact]
    public void AfterFailure_removes_the_rows_tiles_and_its_temporary_files_from_the_temp_folder_only()
    {
        using var dir = new TempDirectory();
        var temp = AtomicRename.TempFolderName + "/";
        string[] ofRow = ["tile_a_0_1.npz", temp + ".tile_a_0_0.npz.tmp-0a1b", temp + ".tile_a_1_0.tif.tmp-2c", temp + ".a.png.tmp-3d"];

        // A temporary file next to the tiles is not looked for (only the temp folder is listed); the others are not row a's.
        string[] kept = [".tile_a_1_1.npz.tmp-4e", temp + ".tile_a_0_0_0.npz.tmp-5f", temp + ".tile_b_0_0.npz.tmp-60", temp + ".b.png.tmp-71", temp + ".index.csv.tmp-82"];
        Write(dir, ofRow.Concat(kept));

        RowFileCleanup.AfterFailure(new RowFiles(dir.Path, "a", 2, 2));

        Assert.All(ofRow, name => Assert.False(File.Exists(dir.File(name)), name));
        Assert.All(kept, name => Assert.True(File.Exists(dir.File(name)), name));
    }

    [Fact]
    public void RowFiles_of_a_batch_of_timesteps_name_every_timesteps_tiles_and_quicklooks()
    {
        var settings = new RunSettings { CsvPath = "a.csv", Profile = BuiltInProfiles.PlanetaryComputer, TilesX = 1, TilesY = 1 }.WithTimesteps(2, null);
        var files = RowFiles.Of("out", new LocationRow("a", 2, 10, 20), settings);

        Assert.Equal(new RowFiles("out", "a", 1, 1, 2), files);
        Assert.Equal(
            ["tile_a_0_0_t0.npz", "tile_a_0_0_t0.tif", "tile_a_0_0_t1.npz", "tile_a_0_0_t1.tif", "quicklooks/a_t0.png", "quicklooks/a_t1.png"],
            files.PossibleNames());
    }

    [Fact]
    public void AfterFailure_of_a_row_of_timesteps_removes_the_tiles_and_quicklooks_its_done_timesteps_wrote()
    {
        // A row whose timestep 0 was written before too few timesteps had a clear scene: nothing of it may stay.
        using var dir = new TempDirectory();
        string[] ofRow = ["tile_a_0_0_t0.npz", "tile_a_1_1_t0.npz", "tile_a_1_1_t2.tif", "quicklooks/a_t0.png", "quicklooks/a_t2.png"];
        string[] kept = ["tile_a_0_0_t3.npz", "tile_b_0_0_t0.npz", "quicklooks/b_t0.png", "quicklooks/a.png"];
        Write(dir, ofRow.Concat(kept));

        RowFileCleanup.AfterFailure(new RowFiles(dir.Path, "a", 2, 2, Timesteps: 3));

        Assert.All(ofRow, name => Assert.False(File.Exists(dir.File(name)), name));
        Assert.All(kept, name => Assert.True(File.Exists(dir.File(name)), name));
    }

    [Fact]
    public void AfterFailure_with_no_temp_folder_removes_the_tiles()
    {
        using var dir = new TempDirectory();
        Write(dir, ["tile_a_0_0.npz"]);

        RowFileCleanup.AfterFailure(new RowFiles(dir.Path, "a", 1, 1));

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_new_run_removes_every_temporary_file_of_the_temp_folder_and_leaves_the_out_dir()
    {
        using var dir = new TempDirectory();
        var temp = AtomicRename.TempFolderName + "/";
        string[] orphans = [temp + ".tile_a_0_0.npz.tmp-0a", temp + ".b.png.tmp-1b", temp + ".index.csv.tmp-2c"];
        string[] kept = ["tile_a_0_0.npz", "quicklooks/b.png", "index.csv"];
        Write(dir, orphans.Concat(kept));

        RowFileCleanup.RemoveOrphanTempFiles(dir.Path, shard: null);

        Assert.All(orphans, name => Assert.False(File.Exists(dir.File(name)), name));
        Assert.All(kept, name => Assert.True(File.Exists(dir.File(name)), name));
    }

    private static void Write(TempDirectory dir, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var path = dir.File(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, name);
        }
    }
}
