using Amazon.Runtime;
using Amazon.S3;

using Axion.TileBuilder.Storage;

namespace Axion.TileBuilder.Testing.Emulators;

/// <summary>s3rver on a free loopback port (one per test collection); it accepts the key pair S3RVER/S3RVER.</summary>
public sealed class S3rverFixture : IDisposable
{
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private readonly EmulatorProcess _process;
    private int _buckets;

    public S3rverFixture()
    {
        _process = EmulatorProcess.Start(NodeTestTools.Binary("s3rver"), (port, data) =>
            ["-d", data, "-a", "127.0.0.1", "-p", port.ToString(), "--silent"],
            // s3rver encrypts list continuation tokens with DES, which Node 17+ (OpenSSL 3) only offers through the legacy provider.
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        Endpoint = $"http://127.0.0.1:{_process.Port}";
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The variables a pod would get: endpoint and static keys.</summary>
    public Dictionary<string, string> Environment(string? secret = null) => new()
    {
        [StorageVariables.AwsEndpointUrl] = Endpoint,
        [StorageVariables.AwsAccessKeyId] = AccessKey,
        [StorageVariables.AwsSecretAccessKey] = secret ?? SecretKey,
    };

    /// <summary>A new, empty bucket.</summary>
    public string CreateBucket()
    {
        var name = $"b{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid().ToString("N")[..8]}";
        var config = new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" };
        using var client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), config);
        client.PutBucketAsync(name).GetAwaiter().GetResult();
        return name;
    }

    public void Dispose() => _process.Dispose();
}
