using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Axion.TileBuilder.Storage.Internals;
using OutputLocation = Axion.TileBuilder.Storage.Locations.OutputLocation;

namespace Axion.TileBuilder.Storage.S3;

/// <summary>
/// An <c>s3://BUCKET/PREFIX</c> location in S3 or an S3-compatible store. Each file goes in one PUT (at most
/// <see cref="SingleRequestLimit"/>) with its MD5 as <c>Content-MD5</c>, which the service checks; the MD5 the
/// service reports is the ETag when that is a plain MD5 (single PUT without SSE-KMS), otherwise only the
/// length is compared. The bucket must exist.
/// </summary>
public sealed class S3Store : ObjectStore
{
    /// <summary>Largest file one PUT can carry: 5 GiB.</summary>
    public const long SingleRequestLimit = 5L << 30;

    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;

    internal S3Store(OutputLocation location, IAmazonS3 client, bool ownsClient, string description, ObjectStoreOptions? options, SecretScrubber scrubber)
        : base(location, description, options, scrubber)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
    }

    private string Bucket => Location.Container;

    private protected override async Task<StoredObject?> HeadCoreAsync(string key, string name, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new StoredObject(name, head.ContentLength, Md5OfETag(head.ETag));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
    }

    private protected override async Task PutCoreAsync(string key, string name, Stream content, FileDigest local, CancellationToken cancellationToken)
    {
        if (local.Length > SingleRequestLimit)
        {
            throw new ObjectStoreException($"'{name}' is {local.Length} bytes, more than one S3 PUT carries ({SingleRequestLimit} bytes)");
        }

        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            AutoResetStreamPosition = false,
            MD5Digest = Convert.ToBase64String(local.Md5),
            UseChunkEncoding = false,
        };
        request.Headers.ContentLength = local.Length;
        await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<ObjectContent?> OpenReadCoreAsync(string key, string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new ObjectContent(new StoredObject(name, response.ContentLength, Md5OfETag(response.ETag)), new ResponseOwningStream(response));
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
    }

    private protected override async IAsyncEnumerable<StoredObject> ListCoreAsync(string keyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = keyPrefix, ContinuationToken = continuation, MaxKeys = Options.ListPageSize };
            var page = await ListPageAsync(keyPrefix, ct => _client.ListObjectsV2Async(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new StoredObject(NameOf(item.Key), item.Size ?? 0, Md5OfETag(item.ETag));
            }

            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    private protected override Task DeleteCoreAsync(string key, CancellationToken cancellationToken)
        => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken);

    private protected override StorageFailure Classify(Exception exception) => S3Errors.Classify(exception, Location);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsClient)
        {
            _client.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The MD5 in an ETag (<c>"9e107d9d372bb6826bd81d3542a419d6"</c>), or null for multipart/SSE-KMS ETags.</summary>
    internal static string? Md5OfETag(string? etag)
    {
        var value = etag?.Trim('"');
        return value is { Length: 32 } && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
    }
}
