using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Tests.IO;

public sealed class AtomicRenameTests
{
    [Fact]
    public void Replace_renames_over_the_final_name_and_then_flushes_its_folder()
    {
        using var dir = new TempDirectory();
        var temp = dir.File(AtomicRename.TempName("tile_a_0_0.npz"));
        var final = dir.File("tile_a_0_0.npz");
        File.WriteAllText(temp, "new");
        File.WriteAllText(final, "old");
        var flushed = new List<(string Folder, bool FinalIsNew, bool TempGone)>();

        AtomicRename.Replace(temp, final, folder => flushed.Add((folder, File.ReadAllText(final) == "new", !File.Exists(temp))));

        // Exactly one flush, of the final file's folder, after the rename.
        Assert.Equal([(dir.Path, true, true)], flushed);
        Assert.Equal(["tile_a_0_0.npz"], dir.AllFiles());
    }

    [Fact]
    public void Replace_of_a_relative_final_path_flushes_its_absolute_folder()
    {
        using var dir = new TempDirectory();
        var temp = dir.File(".x.tmp-1");
        File.WriteAllText(temp, "x");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, dir.File("x.csv"));
        string? flushed = null;

        AtomicRename.Replace(temp, relative, folder => flushed = folder);

        Assert.Equal(dir.Path, flushed);
    }

    [Fact]
    public void Replace_on_a_real_folder_flushes_it_and_leaves_only_the_final_file()
    {
        using var dir = new TempDirectory();
        var temp = dir.File(AtomicRename.TempName("index.csv"));
        File.WriteAllText(temp, "id\n");

        AtomicRename.Replace(temp, dir.File("index.csv"));

        Assert.Equal(["index.csv"], dir.AllFiles());
        Assert.Equal("id\n", File.ReadAllText(dir.File("index.csv")));
    }

    [Fact]
    public void A_failed_rename_does_not_flush()
    {
        using var dir = new TempDirectory();
        var flushes = 0;

        Assert.Throws<FileNotFoundException>(() => AtomicRename.Replace(dir.File(".missing.tmp-0"), dir.File("x.npz"), _ => flushes++));

        Assert.Equal(0, flushes);
    }

    [Fact]
    public void FlushFile_flushes_a_finished_file_and_keeps_its_bytes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.tif");
        File.WriteAllBytes(path, [1, 2, 3]);

        AtomicRename.FlushFile(path);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_written_through_the_temp_folder_lands_under_its_final_name_and_leaves_the_temp_folder_empty()
    {
        using var dir = new TempDirectory();
        var tempFolder = AtomicRename.TempFolderOf(dir.Path);
        var final = dir.File("tile_a_0_0.npz");
        string tempPath;
        using (var file = AtomicFile.Create(final, tempFolder))
        {
            tempPath = file.TempPath;
            file.Stream.Write([1, 2, 3]);
            Assert.Equal(Path.Combine(tempFolder, Path.GetFileName(tempPath)), tempPath);
            Assert.StartsWith(".tile_a_0_0.npz.tmp-", Path.GetFileName(tempPath), StringComparison.Ordinal);
            Assert.False(File.Exists(final));
            file.Commit();
        }

        Assert.Equal([1, 2, 3], File.ReadAllBytes(final));
        Assert.Equal(Path.Combine(dir.Path, ".axion-tmp"), tempFolder);
        Assert.Empty(Directory.GetFileSystemEntries(tempFolder));
    }

    [Fact]
    public void An_abandoned_write_through_the_temp_folder_leaves_nothing()
    {
        using var dir = new TempDirectory();
        var tempFolder = AtomicRename.TempFolderOf(dir.Path);
        using (var file = AtomicFile.Create(dir.File("index.csv"), tempFolder))
        {
            file.Stream.Write([1]);
        }

        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }
}
