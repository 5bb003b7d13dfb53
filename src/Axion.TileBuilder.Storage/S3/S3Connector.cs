using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Storage.S3;

/// <summary>
/// Builds the S3 client for an <c>s3://</c> location from the environment. Endpoint: <c>AWS_ENDPOINT_URL_S3</c>,
/// else <c>AWS_ENDPOINT_URL</c> (an S3-compatible store; path-style addressing), else AWS itself. Region:
/// <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else the SDK's own lookup (profile, instance metadata);
/// <c>us-east-1</c> for signing with a custom endpoint. Credentials: the standard AWS chain; static
/// <c>AWS_ACCESS_KEY_ID</c> / <c>AWS_SECRET_ACCESS_KEY</c> (/ <c>AWS_SESSION_TOKEN</c>) are taken from the given
/// environment first, then the SDK's default chain (profile, web identity, container and instance roles).
/// The SDK's retries are off (the store retries) and checksums are sent only where S3 requires them (MD5
/// is sent by the store), so S3-compatible stores that predate the flexible checksums work.
/// </summary>
internal static class S3Connector
{
    /// <summary>What was built: the client, a description for the log and the secrets to scrub.</summary>
    public sealed record Connection(IAmazonS3 Client, string Description, IReadOnlyList<string> Secrets);

    /// <exception cref="AxionException"><see cref="FailureKind.BadInput"/>: a malformed endpoint or incomplete static keys.</exception>
    public static Connection Connect(Func<string, string?> environment, ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var config = new AmazonS3Config
        {
            MaxErrorRetry = 0,
            Timeout = options.RequestTimeout,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            IgnoreConfiguredEndpointUrls = true,
        };

        var region = Value(environment, StorageVariables.AwsRegion) ?? Value(environment, StorageVariables.AwsDefaultRegion);
        var endpointVariable = Value(environment, StorageVariables.AwsEndpointUrlS3) is not null ? StorageVariables.AwsEndpointUrlS3 : StorageVariables.AwsEndpointUrl;
        var endpoint = Value(environment, endpointVariable);
        string where;
        if (endpoint is not null)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw Bad($"{endpointVariable} must be an http(s) URL without a query or user info, e.g. https://s3.example.org:9000");
            }

            config.ServiceURL = uri.GetLeftPart(UriPartial.Path);
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region ?? "us-east-1";
            where = $"endpoint {config.ServiceURL} from {endpointVariable}, path-style";
        }
        else
        {
            if (region is not null)
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            where = region is null ? "AWS, region from the SDK's lookup" : $"AWS region {region}";
        }

        var accessKey = Value(environment, StorageVariables.AwsAccessKeyId);
        var secretKey = Value(environment, StorageVariables.AwsSecretAccessKey);
        var sessionToken = Value(environment, StorageVariables.AwsSessionToken);
        if ((accessKey is null) != (secretKey is null))
        {
            throw Bad($"set both {StorageVariables.AwsAccessKeyId} and {StorageVariables.AwsSecretAccessKey}, or neither (then the AWS credential chain is used)");
        }

        if (accessKey is not null)
        {
            AWSCredentials credentials = sessionToken is null
                ? new BasicAWSCredentials(accessKey, secretKey)
                : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
            var from = sessionToken is null ? "static keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY" : "session credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN";
            return new Connection(new AmazonS3Client(credentials, config), $"{where}, {from}", [secretKey!, sessionToken ?? string.Empty]);
        }

        return new Connection(new AmazonS3Client(config), $"{where}, the AWS default credential chain", []);
    }

    private static string? Value(Func<string, string?> environment, string name)
    {
        var value = environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static AxionException Bad(string message) => new(FailureKind.BadInput, message);
}
