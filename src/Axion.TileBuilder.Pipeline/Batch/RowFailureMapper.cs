using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The one mapping from an exception that ended a row (in <c>build</c> or <c>plan</c>) to its <see cref="RowFailure"/>.
/// Every exception maps: one a layer did not expect becomes <see cref="FailureKind.Internal"/>, so a row can never
/// take the batch down with it.
/// </summary>
public static class RowFailureMapper
{
    /// <summary>The reason of an unexpected exception.</summary>
    public const string InternalReason = "internal";

    /// <summary>Maps <paramref name="exception"/>; the message is redacted.</summary>
    /// <remarks>
    /// <see cref="AxionException"/>: its own kind and reason. <see cref="IOException"/> (disk full, permissions):
    /// <c>environment</c>/<c>io_error</c>. <see cref="HttpRequestException"/>: <c>transient</c>/<c>http_error</c>.
    /// Anything else: <c>internal</c>/<c>internal</c> with the exception type named in the message.
    /// </remarks>
    public static RowFailure Map(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AxionException axion => new RowFailure(axion.Kind, axion.Reason, SecretRedactor.Redact(axion.Message)),
            IOException io => new RowFailure(FailureKind.Environment, "io_error", SecretRedactor.Redact(io.Message)),
            HttpRequestException http => new RowFailure(FailureKind.Transient, "http_error", SecretRedactor.Redact(http.Message)),
            _ => new RowFailure(
                FailureKind.Internal,
                InternalReason,
                SecretRedactor.Redact($"unexpected {exception.GetType().Name}: {exception.Message} (a bug in axion-tiles; the stack trace is in the debug log, --verbose)")),
        };
    }

    /// <summary>True when retrying the whole row may help (<see cref="FailureKind.Transient"/> after the mapping).</summary>
    public static bool IsTransient(Exception exception) => Map(exception).Kind == FailureKind.Transient;
}
