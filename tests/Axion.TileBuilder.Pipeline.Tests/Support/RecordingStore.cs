using Axion.TileBuilder.Storage;
using Axion.TileBuilder.Storage.Local;
using Axion.TileBuilder.Storage.Locations;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// A <see cref="LocalFolderStore"/> over a folder that calls itself <see cref="Location"/> (e.g. <c>az://bucket/run1</c>)
/// and records its downloads: the names, and the most <c>.npz</c> files present in the download folders at once
/// (the bound on local disk a reader of the store keeps).
/// </summary>
internal sealed class RecordingStore(string folder, string shownAs) : IObjectStore
{
    private readonly LocalFolderStore _inner = new(OutputLocation.Parse(folder));
    private readonly Lock _gate = new();
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private readonly List<string> _downloads = [];
    private int _mostTilesAtOnce;

    public OutputLocation Location { get; } = OutputLocation.Parse(shownAs);

    public string Description => Location.ToString();

    /// <summary>Names downloaded, in order.</summary>
    public IReadOnlyList<string> Downloads
    {
        get
        {
            lock (_gate)
            {
                return [.. _downloads];
            }
        }
    }

    /// <summary>The most downloaded <c>.npz</c> copies that existed on local disk at the same time.</summary>
    public int MostTilesAtOnce => Volatile.Read(ref _mostTilesAtOnce);

    public async Task<bool> DownloadAsync(string name, string localPath, CancellationToken cancellationToken = default)
    {
        var found = await _inner.DownloadAsync(name, localPath, cancellationToken);
        lock (_gate)
        {
            _downloads.Add(name);
            if (found && name.EndsWith(".npz", StringComparison.Ordinal))
            {
                _present.Add(localPath);
                _present.RemoveWhere(p => !File.Exists(p));
                _mostTilesAtOnce = Math.Max(_mostTilesAtOnce, _present.Count);
            }
        }

        return found;
    }

    public Task<UploadResult> UploadAsync(string name, string localPath, CancellationToken cancellationToken = default) => _inner.UploadAsync(name, localPath, cancellationToken);

    public Task<StoredObject?> HeadAsync(string name, CancellationToken cancellationToken = default) => _inner.HeadAsync(name, cancellationToken);

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix = "", CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => _inner.DeleteAsync(name, cancellationToken);

    public void Dispose() => _inner.Dispose();
}
