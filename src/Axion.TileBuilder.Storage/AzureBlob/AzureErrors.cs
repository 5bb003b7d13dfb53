using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.Internals;
using Axion.TileBuilder.Storage.Locations;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs.Models;

namespace Axion.TileBuilder.Storage.AzureBlob;

/// <summary>Which Azure failures are worth retrying, and a one-line description of each (status and error code, no headers).</summary>
internal static class AzureErrors
{
    public static StorageFailure Classify(Exception exception, OutputLocation location) => exception switch
    {
        RequestFailedException { Status: 0 } ex => StorageFailure.Transient($"no response ({ex.InnerException?.Message ?? FirstLine(ex.Message)})"),
        RequestFailedException ex when ex.ErrorCode == BlobErrorCode.ContainerNotFound.ToString()
            => new StorageFailure(FailureKind.Environment, ObjectStoreException.ContainerNotFound, $"container '{location.Container}' does not exist (HTTP 404 ContainerNotFound)"),
        RequestFailedException ex when ex.ErrorCode == BlobErrorCode.Md5Mismatch.ToString()
            => new StorageFailure(FailureKind.Transient, ObjectStoreException.Mismatch, $"the service received bytes whose MD5 differs from the file's (HTTP {ex.Status} {ex.ErrorCode})"),
        RequestFailedException ex when ex.Status is 401 or 403
            => new StorageFailure(FailureKind.Environment, ObjectStoreException.AuthFailed, $"credentials rejected (HTTP {ex.Status} {ex.ErrorCode})"),
        RequestFailedException ex when ex.Status is 408 or 429 or >= 500
            => StorageFailure.Transient($"HTTP {ex.Status} {ex.ErrorCode}"),
        RequestFailedException ex => new StorageFailure(FailureKind.Permanent, ObjectStoreException.Failed, $"HTTP {ex.Status} {ex.ErrorCode}"),
        AuthenticationFailedException or CredentialUnavailableException
            => new StorageFailure(FailureKind.Environment, ObjectStoreException.AuthFailed, $"no token from DefaultAzureCredential ({FirstLine(exception.Message)})"),
        _ => StorageFailure.Generic(exception),
    };

    private static string FirstLine(string text) => StorageFailure.FirstLine(text);
}
