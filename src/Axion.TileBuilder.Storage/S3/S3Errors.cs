using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.Internals;
using Axion.TileBuilder.Storage.Locations;

namespace Axion.TileBuilder.Storage.S3;

/// <summary>Which S3 failures are worth retrying, and a one-line description of each (status and error code).</summary>
internal static class S3Errors
{
    public static StorageFailure Classify(Exception exception, OutputLocation location) => exception switch
    {
        AmazonS3Exception ex when ex.ErrorCode == "NoSuchBucket"
            => new StorageFailure(FailureKind.Environment, ObjectStoreException.ContainerNotFound, $"bucket '{location.Container}' does not exist (HTTP 404 NoSuchBucket)"),
        AmazonS3Exception ex when ex.ErrorCode is "BadDigest" or "InvalidDigest" or "IncompleteBody"
            => new StorageFailure(FailureKind.Transient, ObjectStoreException.Mismatch, $"the service received bytes that differ from the file's MD5 or length (HTTP {(int)ex.StatusCode} {ex.ErrorCode})"),
        AmazonS3Exception ex when ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || ex.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" or "AccessDenied"
            => new StorageFailure(FailureKind.Environment, ObjectStoreException.AuthFailed, $"credentials rejected (HTTP {(int)ex.StatusCode} {ex.ErrorCode})"),
        AmazonS3Exception ex when (int)ex.StatusCode is 408 or 429 or >= 500 || ex.ErrorCode is "SlowDown" or "RequestTimeout" or "InternalError"
            => StorageFailure.Transient($"HTTP {(int)ex.StatusCode} {ex.ErrorCode}"),
        AmazonS3Exception ex when ex.StatusCode == 0
            => StorageFailure.Transient($"no response ({FirstLine(ex.InnerException?.Message ?? ex.Message)})"),
        AmazonS3Exception ex => new StorageFailure(FailureKind.Permanent, ObjectStoreException.Failed, $"HTTP {(int)ex.StatusCode} {ex.ErrorCode}"),
        AmazonClientException ex when ex.InnerException is HttpRequestException or IOException or TimeoutException
            => StorageFailure.Transient($"{ex.InnerException.GetType().Name}: {FirstLine(ex.InnerException.Message)}"),
        AmazonClientException ex
            => new StorageFailure(FailureKind.Environment, ObjectStoreException.AuthFailed, $"AWS client: {FirstLine(ex.Message)}"),
        _ => StorageFailure.Generic(exception),
    };

    private static string FirstLine(string text) => StorageFailure.FirstLine(text);
}
