using System.Net;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// A catalog or token-endpoint request failed: a non-success status, a network error, a timeout or
/// an open circuit. 408/429/5xx, network errors and timeouts are <see cref="FailureKind.Transient"/>;
/// other statuses are <see cref="FailureKind.Permanent"/>. The message names the method, the URL
/// without its query string, the status and a redacted excerpt of the body.
/// </summary>
public sealed class StacHttpException : AxionException
{
    public StacHttpException()
        : this("catalog request failed.")
    {
    }

    public StacHttpException(string message)
        : base(FailureKind.Transient, message)
    {
    }

    public StacHttpException(string message, Exception? innerException)
        : base(FailureKind.Transient, message, innerException)
    {
    }

    public StacHttpException(FailureKind kind, string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status, or null for a network error, timeout or open circuit.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when the request was not sent because the host's circuit breaker was open.</summary>
    public bool CircuitOpen { get; init; }

    /// <inheritdoc />
    public override string Reason => StatusCode is { } status
        ? "http_" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : CircuitOpen ? "circuit_open" : "http_error";

    /// <summary>Whether a status is worth retrying: 408, 429 and 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status is 408 or 429 or >= 500;

    /// <summary>The failure kind for a status.</summary>
    public static FailureKind KindFor(HttpStatusCode status) => IsTransient(status) ? FailureKind.Transient : FailureKind.Permanent;
}
