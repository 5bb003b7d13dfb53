namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>One served request, as kept in the <see cref="ServerStats"/> ring buffer.</summary>
/// <param name="Time">When the request arrived, UTC.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path WITHOUT the query string (SAS tokens never land in the log).</param>
/// <param name="Range">The <c>Range</c> header, or null.</param>
/// <param name="Status">Status code sent (0 when the connection was dropped before a response).</param>
/// <param name="BytesSent">Response body bytes written.</param>
/// <param name="DurationMs">Time from arrival to the end of the response, milliseconds.</param>
/// <param name="Category">What the request was for.</param>
/// <param name="Fault">Injected fault (<c>503</c>, <c>429</c>, <c>truncate</c>, <c>drop</c>), or null.</param>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string Path,
    string? Range,
    int Status,
    long BytesSent,
    double DurationMs,
    RequestCategory Category,
    string? Fault);
