using Axion.TileBuilder.Storage;
using Axion.TileBuilder.Storage.Locations;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Datasets;

/// <summary>
/// The files of a dataset as <c>validate</c> and <c>report</c> read them, wherever the dataset is: a local folder
/// (<see cref="LocalDatasetFiles"/>) or an <c>az://</c> / <c>s3://</c> location (<see cref="StoredDatasetFiles"/>), under
/// the same names (<c>tile_&lt;id&gt;_&lt;r&gt;_&lt;c&gt;.npz</c>, <c>quicklooks/&lt;id&gt;.png</c>, <c>index.csv</c>,
/// <c>journal.db</c>, <c>_journal/shard-K-of-N.db</c>). Files are read one at a time through a local path
/// (<see cref="FetchAsync"/>): a store's object is downloaded into a temporary folder and deleted when the
/// <see cref="LocalFile"/> is disposed, so local disk holds only the files being read, never the dataset.
/// </summary>
public abstract class DatasetFiles : IDisposable
{
    /// <summary>The tile file extension.</summary>
    public const string NpzExtension = ".npz";

    /// <summary>What messages call the dataset: the folder's full path, or <c>az://CONTAINER/PREFIX</c> / <c>s3://BUCKET/PREFIX</c>.</summary>
    public abstract string Shown { get; }

    /// <summary>True for an object store.</summary>
    public abstract bool IsRemote { get; }

    /// <summary>Whether a batch holds the dataset's lock now (a local folder only: a store has no lock, so false).</summary>
    public abstract bool BatchRunning { get; }

    /// <summary>
    /// Opens the dataset at <paramref name="location"/>: a local folder as it is, an object store with the credentials of
    /// the environment (<see cref="ObjectStoreFactory"/>; nothing is sent yet). The caller disposes the result.
    /// </summary>
    /// <param name="location">The parsed <c>--out</c> (or <c>validate</c>'s argument).</param>
    /// <param name="log">Logger for the store's messages; null for none.</param>
    public static DatasetFiles Open(OutputLocation location, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsRemote
            ? new StoredDatasetFiles(ObjectStoreFactory.Create(location), log)
            : new LocalDatasetFiles(location.LocalPath);
    }

    /// <summary>How messages name the file <paramref name="name"/> (relative, with <c>/</c>): a full path, or the store's URL of the object.</summary>
    public abstract string Show(string name);

    /// <summary>The names of the <c>.npz</c> files directly in the dataset (not in sub-folders), streamed; order unspecified.</summary>
    public abstract IAsyncEnumerable<string> ListTilesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Names (relative, with <c>/</c>) of temporary files of killed writes (<c>.&lt;name&gt;.tmp-&lt;hex&gt;</c>) next to the
    /// tiles or in the temporary-files folder. A store publishes whole objects only, so it has none.
    /// </summary>
    public abstract IEnumerable<string> TempFileNames();

    /// <summary>
    /// A local path to read <paramref name="name"/> from, valid until the result is disposed. When there is no such
    /// file the path does not exist (readers see <see cref="FileNotFoundException"/>, as for a file deleted meanwhile).
    /// </summary>
    public abstract Task<LocalFile> FetchAsync(string name, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="name"/> exists now (a store: one lookup request).</summary>
    public abstract Task<bool> ExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// A local folder holding the dataset's journals under their names (<c>journal.db</c>, <c>_journal/shard-K-of-N.db</c>),
    /// as <see cref="Journal.JournalLayout.Find"/> reads them: the dataset folder itself, or for a store a temporary
    /// folder with the journal snapshots downloaded (once; deleted with this instance).
    /// </summary>
    public abstract Task<string> JournalFolderAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> as <paramref name="name"/> into the dataset, replacing what was there (atomically).</summary>
    /// <returns>Where it went, as <see cref="Show"/> names it.</returns>
    /// <exception cref="Errors.AxionException">It cannot be written (<see cref="Errors.FailureKind.Environment"/> locally; the store's error otherwise).</exception>
    public abstract Task<string> SaveAsync(string name, byte[] content, CancellationToken cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the store and deletes the temporary folder, if any.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
