using System.Runtime.CompilerServices;
using Axion.TileBuilder.Pipeline.Remote;
using Axion.TileBuilder.Storage;
using Serilog;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Datasets;

/// <summary>
/// A dataset in an object store (<c>az://</c>, <c>s3://</c>, or any <see cref="IObjectStore"/>). Tiles are listed page by
/// page and downloaded one at a time per reader into a temporary folder (<c>&lt;temp&gt;/axion-tiles-dataset-&lt;guid&gt;</c>),
/// each deleted as soon as it has been read; the journal snapshots are downloaded once
/// (<see cref="RemoteOutput.DownloadJournalsAsync"/>). The folder is deleted on dispose. Local disk therefore holds the
/// journals plus the files being read at that moment, whatever the size of the dataset.
/// </summary>
public sealed class StoredDatasetFiles : DatasetFiles
{
    private const string FilesFolder = "files";
    private const string JournalsFolder = "journals";
    private const string UploadsFolder = "uploads";

    private readonly RemoteOutput _remote;
    private readonly string _temp;
    private readonly SemaphoreSlim _journalsOnce = new(1, 1);
    private bool _journalsDownloaded;

    /// <param name="store">The store, at the dataset's location (owned: disposed with this instance).</param>
    /// <param name="log">Logger; null for none.</param>
    public StoredDatasetFiles(IObjectStore store, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _temp = Path.Combine(Path.GetTempPath(), "axion-tiles-dataset-" + Guid.NewGuid().ToString("N"));
        _remote = new RemoteOutput(store, Path.Combine(_temp, JournalsFolder), null, null, log ?? Logger.None);
        Shown = store.Location.ToString();
    }

    /// <summary>The store.</summary>
    public IObjectStore Store => _remote.Store;

    /// <summary>The temporary folder (full path; created on the first download).</summary>
    public string TempFolder => _temp;

    /// <inheritdoc />
    public override string Shown { get; }

    /// <inheritdoc />
    public override bool IsRemote => true;

    /// <inheritdoc />
    public override bool BatchRunning => false;

    /// <inheritdoc />
    public override string Show(string name) => Shown + "/" + name;

    /// <inheritdoc />
    /// <remarks>Lists the whole prefix (one page of names in memory at a time) and keeps the top-level <c>.npz</c> names.</remarks>
    public override async IAsyncEnumerable<string> ListTilesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in Store.ListAsync(string.Empty, cancellationToken))
        {
            if (!stored.Name.Contains('/', StringComparison.Ordinal) && stored.Name.EndsWith(NpzExtension, StringComparison.Ordinal))
            {
                yield return stored.Name;
            }
        }
    }

    /// <inheritdoc />
    public override IEnumerable<string> TempFileNames() => [];

    /// <inheritdoc />
    public override async Task<LocalFile> FetchAsync(string name, CancellationToken cancellationToken)
    {
        var path = LocalPath(FilesFolder, name);
        var file = new LocalFile(path, temporary: true);
        try
        {
            await Store.DownloadAsync(name, path, cancellationToken);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return file;
    }

    /// <inheritdoc />
    public override async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        await Store.HeadAsync(name, cancellationToken) is not null;

    /// <inheritdoc />
    public override async Task<string> JournalFolderAsync(CancellationToken cancellationToken)
    {
        await _journalsOnce.WaitAsync(cancellationToken);
        try
        {
            if (!_journalsDownloaded)
            {
                Directory.CreateDirectory(_remote.WorkDir);
                await _remote.DownloadJournalsAsync(cancellationToken);
                _journalsDownloaded = true;
            }

            return _remote.WorkDir;
        }
        finally
        {
            _journalsOnce.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Written to the temporary folder, uploaded (verified), then deleted locally.</remarks>
    public override async Task<string> SaveAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = LocalPath(UploadsFolder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        try
        {
            await Store.UploadAsync(name, path, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }

        return Show(name);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _remote.Dispose();
            _journalsOnce.Dispose();
            if (Directory.Exists(_temp))
            {
                Directory.Delete(_temp, recursive: true);
            }
        }

        base.Dispose(disposing);
    }

    private string LocalPath(string folder, string name) => Path.Combine(_temp, folder, name.Replace('/', Path.DirectorySeparatorChar));
}
