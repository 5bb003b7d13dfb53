using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.Locations;
using Axion.TileBuilder.Storage.S3;
using Axion.TileBuilder.Storage.Tests.Emulators;
using Axion.TileBuilder.Testing.Emulators;

namespace Axion.TileBuilder.Storage.Tests.S3;

/// <summary>Endpoint, region and credential choices of s3:// against s3rver, and what the messages never show.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3CredentialTests(S3rverFixture s3rver) : IDisposable
{
    private static readonly ObjectStoreOptions Fast = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5), MaxAttempts = 2 };

    private readonly string _file = WriteTemp();

    [Fact]
    public async Task The_s3_specific_endpoint_wins_over_the_generic_one()
    {
        var env = s3rver.Environment();
        env[StorageVariables.AwsEndpointUrlS3] = s3rver.Endpoint;
        env[StorageVariables.AwsEndpointUrl] = "http://127.0.0.1:9"; // discard port: nothing listens
        using var store = Create(s3rver.CreateBucket(), env);

        var result = await store.UploadAsync("tile_a_0_0.npz", _file);

        Assert.Equal(UploadOutcome.Uploaded, result.Outcome);
        Assert.Contains("from AWS_ENDPOINT_URL_S3, path-style", store.Description);
    }

    [Fact]
    public async Task Rejected_keys_fail_as_an_auth_error_without_the_secret_in_any_message()
    {
        // s3rver does not check SigV4 signatures, only that the access key id exists: an unknown id is the rejection it can give.
        const string wrong = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        var env = s3rver.Environment(wrong);
        env[StorageVariables.AwsAccessKeyId] = "AKIAUNKNOWNEXAMPLE";
        var logs = new List<string>();
        using var store = Create(s3rver.CreateBucket(), env, Fast with { Log = logs.Add });

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.UploadAsync("tile_a_0_0.npz", _file));

        Assert.Equal(ObjectStoreException.AuthFailed, error.Reason);
        Assert.Equal(FailureKind.Environment, error.Kind);
        Assert.Empty(logs);
        Assert.DoesNotContain(wrong, error.ToString());
        Assert.DoesNotContain(wrong, store.Description);
    }

    [Fact]
    public async Task A_missing_bucket_is_named()
    {
        using var store = Create("no-such-bucket", s3rver.Environment());

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.UploadAsync("tile_a_0_0.npz", _file));

        Assert.Equal(ObjectStoreException.ContainerNotFound, error.Reason);
        Assert.Contains("bucket 'no-such-bucket' does not exist", error.Message);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retried_then_fails_as_unavailable()
    {
        var env = s3rver.Environment();
        env[StorageVariables.AwsEndpointUrl] = "http://127.0.0.1:9";
        var logs = new List<string>();
        using var store = Create("bucket", env, Fast with { Log = logs.Add });

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.HeadAsync("tile_a_0_0.npz"));

        Assert.Equal(ObjectStoreException.Unavailable, error.Reason);
        Assert.Equal(FailureKind.Transient, error.Kind);
        Assert.Contains("2 attempts", error.Message);
        Assert.Single(logs);
    }

    [Fact]
    public void An_access_key_without_a_secret_is_refused()
    {
        var env = new Dictionary<string, string> { [StorageVariables.AwsAccessKeyId] = "AKIAEXAMPLE" };

        var error = Assert.Throws<AxionException>(() => Create("bucket", env));

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Contains("AWS_SECRET_ACCESS_KEY", error.Message);
    }

    [Fact]
    public void A_malformed_endpoint_is_named()
    {
        var env = new Dictionary<string, string> { [StorageVariables.AwsEndpointUrl] = "ftp://store.example.org" };

        var error = Assert.Throws<AxionException>(() => Create("bucket", env));

        Assert.Contains("AWS_ENDPOINT_URL must be an http(s) URL", error.Message);
    }

    [Fact]
    public void Without_keys_or_endpoint_the_default_chain_and_region_are_used()
    {
        var env = new Dictionary<string, string> { [StorageVariables.AwsDefaultRegion] = "us-west-2" };

        using var store = Create("bucket", env);

        Assert.Equal("s3://bucket/run (AWS region us-west-2, the AWS default credential chain)", store.Description);
    }

    [Theory]
    [InlineData("\"9e107d9d372bb6826bd81d3542a419d6\"", "9e107d9d372bb6826bd81d3542a419d6")]
    [InlineData("9E107D9D372BB6826BD81D3542A419D6", "9e107d9d372bb6826bd81d3542a419d6")]
    [InlineData("\"9e107d9d372bb6826bd81d3542a419d6-3\"", null)]
    [InlineData(null, null)]
    public void Only_a_plain_md5_etag_counts_as_the_content_md5(string? etag, string? md5) => Assert.Equal(md5, S3Store.Md5OfETag(etag));

    public void Dispose() => File.Delete(_file);

    private static IObjectStore Create(string bucket, Dictionary<string, string> env, ObjectStoreOptions? options = null)
        => ObjectStoreFactory.Create(OutputLocation.Parse($"s3://{bucket}/run"), ObjectStoreFactory.EnvironmentFrom(env), options ?? Fast);

    private static string WriteTemp()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
        return path;
    }
}
