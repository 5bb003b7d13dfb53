using Axion.TileBuilder.Storage.Locations;

namespace Axion.TileBuilder.Storage;

/// <summary>
/// Where a batch's files go: a local folder, an Azure container or an S3 bucket, each under a prefix
/// (<see cref="Location"/>). Names are relative to the location and use <c>/</c> (<c>tile_a_0_0.npz</c>,
/// <c>quicklooks/a.png</c>, <c>_journal/shard-0-of-3.db</c>). Every operation retries transient failures
/// (network, 5xx, throttling, a verification mismatch) with exponential backoff and jitter, taking each retry
/// from the ambient per-row <see cref="Retries.RetryBudget"/> when there is one. Errors are
/// <see cref="ObjectStoreException"/>s whose messages name the object and the location and never contain a
/// key, SAS token, connection string or other secret. Thread-safe.
/// </summary>
public interface IObjectStore : IDisposable
{
    /// <summary>Where the objects are.</summary>
    OutputLocation Location { get; }

    /// <summary>
    /// One line for the log: the location and where the credentials came from (the variable's name, never
    /// its value), e.g. <c>az://tiles/run1 (account tilesacct, SAS token from AZURE_STORAGE_SAS_TOKEN)</c>.
    /// </summary>
    string Description { get; }

    /// <summary>
    /// Uploads the local file <paramref name="localPath"/> as <paramref name="name"/>, replacing what was there.
    /// Idempotent: when an object of the same name, length and MD5 exists, nothing is sent
    /// (<see cref="UploadOutcome.AlreadyPresent"/>). Verified: the content MD5 is sent with the bytes for the
    /// service to check, and afterwards the length and MD5 the service reports must equal the local file's;
    /// a mismatch is retried like a transient failure. Remote stores send the file in one request up to
    /// 256 MiB (Azure; larger files in verified blocks) or 5 GiB (S3, the limit of one PUT).
    /// </summary>
    /// <exception cref="ObjectStoreException">Failed after the retries, or failed permanently (credentials, missing container).</exception>
    Task<UploadResult> UploadAsync(string name, string localPath, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads <paramref name="name"/> to <paramref name="localPath"/> atomically (temporary file, fsync,
    /// rename; folders created). The length, and the MD5 when the store reports one, are checked.
    /// </summary>
    /// <returns>False when there is no such object (nothing is written).</returns>
    Task<bool> DownloadAsync(string name, string localPath, CancellationToken cancellationToken = default);

    /// <summary>The object's length and MD5, or null when it does not exist.</summary>
    Task<StoredObject?> HeadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every object whose name starts with <paramref name="prefix"/> (relative to the location; empty for all),
    /// streamed page by page (one page of names in memory at a time; each page request retried on its own).
    /// Remote stores list in name order; a local folder in file-system order.
    /// </summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix = "", CancellationToken cancellationToken = default);

    /// <summary>Deletes <paramref name="name"/>; no error when it does not exist.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}
