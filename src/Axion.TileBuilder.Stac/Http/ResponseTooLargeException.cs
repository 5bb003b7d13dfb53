namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// A response body was larger than its cap (declared in <c>Content-Length</c> or found while reading). Never retried;
/// the transport turns it into a <see cref="Model.StacFormatException"/> naming the URL and the cap.
/// </summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException()
        : this("response body is larger than its cap")
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The cap, bytes.</summary>
    public long Cap { get; init; }

    /// <summary>The <c>Content-Length</c> the server declared, or null when it was found while reading.</summary>
    public long? DeclaredLength { get; init; }
}
