using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Storage.Internals;
using Axion.TileBuilder.Storage.Locations;

namespace Axion.TileBuilder.Storage.Local;

/// <summary>
/// A folder on a local or mounted file system. Uploads copy through <see cref="AtomicFile"/> (temporary
/// <c>.&lt;name&gt;.tmp-&lt;random&gt;</c>, fsync, rename), so readers never see half a file; the length and MD5
/// of the bytes written are checked before the rename. Head hashes the file; listings skip the temporary files
/// and do not hash.
/// </summary>
public sealed class LocalFolderStore : ObjectStore
{
    private const int BufferSize = 1 << 20;

    /// <param name="location">A <see cref="OutputLocationKind.LocalFolder"/> location; the folder is created on the first write.</param>
    /// <param name="options">Retry settings; null for the defaults.</param>
    public LocalFolderStore(OutputLocation location, ObjectStoreOptions? options = null)
        : base(RequireLocal(location), $"{location?.LocalPath} (local folder)", options, SecretScrubber.None)
    {
    }

    private string Root => Location.LocalPath;

    private protected override async Task<StoredObject?> HeadCoreAsync(string key, string name, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        var digest = await FileDigest.ComputeAsync(path, cancellationToken).ConfigureAwait(false);
        return new StoredObject(name, digest.Length, digest.Md5Hex);
    }

    private protected override async Task PutCoreAsync(string key, string name, Stream content, FileDigest local, CancellationToken cancellationToken)
    {
        // Hash what is written and compare before the rename: a file that does not match is never published.
        using var target = AtomicFile.Create(PathOf(key));
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[BufferSize];
        long length = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            await target.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            length += read;
        }

        UploadVerifier.Verify(name, local, new StoredObject(name, length, Convert.ToHexStringLower(md5.GetHashAndReset())));
        target.Commit();
    }

    private protected override Task<ObjectContent?> OpenReadCoreAsync(string key, string name, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<ObjectContent?>(null);
        }

        return Task.FromResult<ObjectContent?>(new ObjectContent(new StoredObject(name, stream.Length, null), stream));
    }

    private protected override async IAsyncEnumerable<StoredObject> ListCoreAsync(string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Start in the deepest folder the prefix names, so "_journal/shard-" does not walk the tiles.
        var slash = keyPrefix.LastIndexOf('/');
        var folder = slash < 0 ? Root : Path.Combine(Root, keyPrefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        foreach (var path in Directory.EnumerateFiles(folder, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = Path.GetFileName(path);
            if (file.StartsWith('.') && file.Contains(".tmp-", StringComparison.Ordinal))
            {
                continue;
            }

            var name = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(keyPrefix, StringComparison.Ordinal))
            {
                yield return new StoredObject(name, new FileInfo(path).Length, null);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false); // The file system enumeration is synchronous; the signature is the stores' one.
    }

    private protected override Task DeleteCoreAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Its folder does not exist, so neither does the file.
        }

        return Task.CompletedTask;
    }

    private protected override StorageFailure Classify(Exception exception) => exception switch
    {
        UnauthorizedAccessException or IOException => new StorageFailure(FailureKind.Environment, ObjectStoreException.Failed, exception.Message),
        _ => new StorageFailure(FailureKind.Permanent, ObjectStoreException.Failed, exception.Message),
    };

    private string PathOf(string key) => Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));

    private static OutputLocation RequireLocal(OutputLocation? location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != OutputLocationKind.LocalFolder)
        {
            throw new ArgumentException($"{location} is not a local folder", nameof(location));
        }

        return location;
    }
}
