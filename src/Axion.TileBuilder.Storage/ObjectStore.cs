using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Storage.Internals;
using Axion.TileBuilder.Storage.Locations;

namespace Axion.TileBuilder.Storage;

/// <summary>
/// What every store shares: name checks, the retry loop, idempotent verified uploads and atomic verified
/// downloads. A store supplies only the primitive requests (head, put, open, list, delete) and the
/// classification of its SDK's exceptions. Derived only inside this assembly.
/// </summary>
public abstract class ObjectStore : IObjectStore
{
    private readonly StorageRetry _retry;
    private readonly SecretScrubber _scrubber;
    private int _listPageRequests;

    private protected ObjectStore(OutputLocation location, string description, ObjectStoreOptions? options, SecretScrubber scrubber)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(scrubber);
        Location = location;
        Options = options ?? ObjectStoreOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxAttempts, 1);
        _scrubber = scrubber;
        Description = scrubber.Scrub(description);
        _retry = new StorageRetry(Options, Classify, scrubber);
    }

    /// <inheritdoc />
    public OutputLocation Location { get; }

    /// <inheritdoc />
    public string Description { get; }

    private protected ObjectStoreOptions Options { get; }

    /// <summary>Listing page requests made so far (attempts included); lets tests see that listings page and stream.</summary>
    internal int ListPageRequests => Volatile.Read(ref _listPageRequests);

    /// <inheritdoc />
    public async Task<UploadResult> UploadAsync(string name, string localPath, CancellationToken cancellationToken = default)
    {
        ObjectNames.Validate(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        var local = await FileDigest.ComputeAsync(localPath, cancellationToken).ConfigureAwait(false);
        var key = Key(name);
        return await _retry.RunAsync(Operation("upload of", "to", name), async (attempt, ct) =>
        {
            // Checked on every attempt: an earlier attempt may have stored the bytes and lost only the answer.
            if (UploadVerifier.SameContent(local, await HeadCoreAsync(key, name, ct).ConfigureAwait(false)))
            {
                return new UploadResult(name, local.Length, local.Md5Hex, UploadOutcome.AlreadyPresent, attempt);
            }

            var file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                var content = Options.UploadContentFilter?.Invoke(file, attempt) ?? file;
                await PutCoreAsync(key, name, content, local, ct).ConfigureAwait(false);
            }

            var stored = await HeadCoreAsync(key, name, ct).ConfigureAwait(false);
            try
            {
                UploadVerifier.Verify(name, local, stored);
            }
            catch (ObjectStoreException)
            {
                // Never leave bytes that differ from the file under its name: remove them, then retry or fail.
                await DeleteCoreAsync(key, ct).ConfigureAwait(false);
                throw;
            }

            return new UploadResult(name, stored!.Length, local.Md5Hex, UploadOutcome.Uploaded, attempt);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> DownloadAsync(string name, string localPath, CancellationToken cancellationToken = default)
    {
        ObjectNames.Validate(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        var key = Key(name);
        return await _retry.RunAsync(Operation("download of", "from", name), async (_, ct) =>
        {
            var opened = await OpenReadCoreAsync(key, name, ct).ConfigureAwait(false);
            if (opened is null)
            {
                return false;
            }

            await using (opened.ConfigureAwait(false))
            {
                using var target = AtomicFile.Create(localPath);
                using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                var buffer = new byte[1 << 16];
                long length = 0;
                int read;
                while ((read = await opened.Content.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await target.Stream.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    length += read;
                }

                UploadVerifier.Verify(name, new FileDigest(length, md5.GetHashAndReset()), opened.Info);
                target.Commit();
                return true;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<StoredObject?> HeadAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectNames.Validate(name);
        var key = Key(name);
        return _retry.RunAsync(Operation("lookup of", "in", name), (_, ct) => HeadCoreAsync(key, name, ct), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectNames.ValidatePrefix(prefix);
        await foreach (var item in ListCoreAsync(Key(prefix), cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectNames.Validate(name);
        var key = Key(name);
        return _retry.RunAsync(Operation("deletion of", "in", name), async (_, ct) =>
        {
            await DeleteCoreAsync(key, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the SDK client, if the store owns one.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The service key of <paramref name="name"/>: the location's prefix plus the name.</summary>
    private protected string Key(string name) => Location.Prefix + name;

    /// <summary>The name relative to the location of a service key listed under the location's prefix.</summary>
    private protected string NameOf(string key) => key[Location.Prefix.Length..];

    /// <summary>One listing page, retried on its own; used by the stores' <see cref="ListCoreAsync"/>.</summary>
    private protected Task<T> ListPageAsync<T>(string keyPrefix, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
        => _retry.RunAsync($"listing of '{keyPrefix[Location.Prefix.Length..]}*' in {Location}", (_, ct) =>
        {
            Interlocked.Increment(ref _listPageRequests);
            return fetch(ct);
        }, cancellationToken);

    /// <summary>Scrubbed text, for the stores' own messages.</summary>
    private protected string Scrub(string? text) => _scrubber.Scrub(text);

    /// <summary>The object's length and MD5, or null when absent (missing container: throw).</summary>
    private protected abstract Task<StoredObject?> HeadCoreAsync(string key, string name, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> (<paramref name="local"/>.Length bytes) under <paramref name="key"/>, sending the MD5 for the service to check.</summary>
    private protected abstract Task PutCoreAsync(string key, string name, Stream content, FileDigest local, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading, or null when absent.</summary>
    private protected abstract Task<ObjectContent?> OpenReadCoreAsync(string key, string name, CancellationToken cancellationToken);

    /// <summary>Objects whose key starts with <paramref name="keyPrefix"/>, page by page (each page through <see cref="ListPageAsync"/>).</summary>
    private protected abstract IAsyncEnumerable<StoredObject> ListCoreAsync(string keyPrefix, CancellationToken cancellationToken);

    /// <summary>Deletes the object; no error when absent.</summary>
    private protected abstract Task DeleteCoreAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether an exception of this store's SDK is worth retrying, and how to name it.</summary>
    private protected abstract StorageFailure Classify(Exception exception);

    /// <summary>For messages: <c>upload of 'a.npz' to az://c/p</c>.</summary>
    private string Operation(string what, string preposition, string name) => $"{what} '{name}' {preposition} {Location}";
}
