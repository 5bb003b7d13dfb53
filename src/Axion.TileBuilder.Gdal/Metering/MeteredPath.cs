namespace Axion.TileBuilder.Gdal.Metering;

/// <summary>A metered path registered by <see cref="MeteredFileSystem.Open"/>; dispose it once GDAL has closed the file.</summary>
public sealed class MeteredPath : IDisposable
{
    private readonly Action _release;
    private int _disposed;

    internal MeteredPath(string path, Action release)
    {
        Path = path;
        _release = release;
    }

    /// <summary>The path to give GDAL, <c>/vsiaxion/&lt;id&gt;/&lt;inner path&gt;</c>.</summary>
    public string Path { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _release();
        }
    }
}
