using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Storage.Internals;

/// <summary>How a store classifies an exception: retried when <see cref="Kind"/> is transient.</summary>
/// <param name="Kind">Transient failures are retried.</param>
/// <param name="Reason">One of the <see cref="ObjectStoreException"/> reason constants.</param>
/// <param name="Detail">One line on what the service said (HTTP status, error code), before scrubbing.</param>
internal sealed record StorageFailure(FailureKind Kind, string Reason, string Detail)
{
    public bool IsTransient => Kind == FailureKind.Transient;

    public static StorageFailure Transient(string detail) => new(FailureKind.Transient, ObjectStoreException.Unavailable, detail);

    /// <summary>
    /// What no service-specific rule matched: network errors and timeouts are transient, anything else permanent.
    /// Every store's classification ends with this.
    /// </summary>
    public static StorageFailure Generic(Exception exception) => exception switch
    {
        HttpRequestException or IOException or TimeoutException or OperationCanceledException
            => Transient($"{exception.GetType().Name}: {FirstLine(exception.Message)}"),
        _ => new StorageFailure(FailureKind.Permanent, ObjectStoreException.Failed, $"{exception.GetType().Name}: {FirstLine(exception.Message)}"),
    };

    /// <summary>The first line of a service's message (SDK messages run over many lines).</summary>
    public static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
