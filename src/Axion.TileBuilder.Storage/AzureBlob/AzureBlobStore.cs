using System.Runtime.CompilerServices;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.Internals;
using Axion.TileBuilder.Storage.Locations;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Axion.TileBuilder.Storage.AzureBlob;

/// <summary>
/// An <c>az://CONTAINER/PREFIX</c> location in Azure Blob Storage. Files up to
/// <see cref="SingleRequestLimit"/> go in one Put Blob whose <c>Content-MD5</c> (computed by the SDK over the
/// bytes it sends) the service checks; the service then reports the MD5 of what it stored, which the upload
/// compares with the local file's. Larger files go in blocks, each with its own MD5 checked by the service,
/// and the file's MD5 is set on the blob (then only the length is independent evidence). The container must exist.
/// </summary>
public sealed class AzureBlobStore : ObjectStore
{
    /// <summary>Largest file sent in one request: 256 MiB.</summary>
    public const long SingleRequestLimit = 256L << 20;

    private readonly BlobContainerClient _container;

    internal AzureBlobStore(OutputLocation location, BlobContainerClient container, string description, ObjectStoreOptions? options, SecretScrubber scrubber)
        : base(location, description, options, scrubber)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    private protected override async Task<StoredObject?> HeadCoreAsync(string key, string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredObject(name, properties.Value.ContentLength, Hex(properties.Value.ContentHash));
        }
        catch (RequestFailedException ex) when (IsBlobMissing(ex))
        {
            return null;
        }
    }

    private protected override async Task PutCoreAsync(string key, string name, Stream content, FileDigest local, CancellationToken cancellationToken)
    {
        var single = local.Length <= SingleRequestLimit;
        var options = new BlobUploadOptions
        {
            TransferOptions = single
                ? new StorageTransferOptions { InitialTransferSize = SingleRequestLimit, MaximumTransferSize = SingleRequestLimit }
                : new StorageTransferOptions { InitialTransferSize = 0, MaximumTransferSize = 16L << 20 },
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
            HttpHeaders = single ? null : new BlobHttpHeaders { ContentHash = local.Md5 },
        };
        await _container.GetBlobClient(key).UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<ObjectContent?> OpenReadCoreAsync(string key, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _container.GetBlobClient(key).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var details = result.Value.Details;
            var info = new StoredObject(name, details.ContentLength, Hex(details.BlobContentHash ?? details.ContentHash));
            return new ObjectContent(info, result.Value.Content);
        }
        catch (RequestFailedException ex) when (IsBlobMissing(ex))
        {
            return null;
        }
    }

    private protected override async IAsyncEnumerable<StoredObject> ListCoreAsync(string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var token = continuation;
            var page = await ListPageAsync(keyPrefix, ct => FetchPageAsync(keyPrefix, token, ct), cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                yield break;
            }

            foreach (var item in page.Values)
            {
                yield return new StoredObject(NameOf(item.Name), item.Properties.ContentLength ?? 0, Hex(item.Properties.ContentHash));
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    private protected override async Task DeleteCoreAsync(string key, CancellationToken cancellationToken)
        => await _container.GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    private protected override StorageFailure Classify(Exception exception) => AzureErrors.Classify(exception, Location);

    private async Task<Page<BlobItem>?> FetchPageAsync(string keyPrefix, string? continuation, CancellationToken cancellationToken)
    {
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = keyPrefix }, cancellationToken)
            .AsPages(continuation, Options.ListPageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return page;
        }

        return null;
    }

    private static bool IsBlobMissing(RequestFailedException ex)
        => ex.Status == 404 && ex.ErrorCode != BlobErrorCode.ContainerNotFound.ToString();

    private static string? Hex(byte[]? md5) => md5 is { Length: 16 } ? Convert.ToHexStringLower(md5) : null;
}
