using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Tests.IO;

public sealed class FolderSyncTests
{
    [Fact]
    public void Flush_of_a_real_folder_succeeds()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a"), "a");

        FolderSync.Flush(dir.Path);
        FolderSync.Flush(dir.Path + "/");
    }

    [Fact]
    public void Flush_of_a_missing_folder_names_it_and_the_reason()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("gone");

        var error = Assert.Throws<IOException>(() => FolderSync.Flush(missing));

        Assert.Contains($"'{missing}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("errno 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flush_of_a_file_is_refused_as_not_a_folder()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.npz"), "a");

        var error = Assert.Throws<IOException>(() => FolderSync.Flush(dir.File("a.npz")));

        Assert.Contains("errno 20", error.Message, StringComparison.Ordinal); // ENOTDIR: O_DIRECTORY is set
    }
}
