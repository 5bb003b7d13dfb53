namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>Temporary folders of a fixture (<see cref="TestPaths.NewTempDir"/>), made from any thread and deleted together.</summary>
internal sealed class TempFolders : IDisposable
{
    private readonly List<string> _dirs = [];

    /// <summary>A new, empty temporary folder.</summary>
    public string New(string prefix)
    {
        var dir = TestPaths.NewTempDir(prefix);
        lock (_dirs)
        {
            _dirs.Add(dir);
        }

        return dir;
    }

    /// <summary>Deletes every folder made; one that cannot be deleted (still in use, read-only) is left behind.</summary>
    public void Dispose()
    {
        lock (_dirs)
        {
            foreach (var dir in _dirs)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                }
            }

            _dirs.Clear();
        }
    }
}
