namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>One request the loopback server answered.</summary>
/// <param name="Method">HTTP method (HEAD, GET).</param>
/// <param name="PathAndQuery">Path and query string as sent.</param>
/// <param name="Range">The Range header, or null.</param>
/// <param name="Status">Status code answered.</param>
/// <param name="BodyBytes">Bytes of the response body sent.</param>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Range, int Status, long BodyBytes);
