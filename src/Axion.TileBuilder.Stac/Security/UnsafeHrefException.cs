using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Stac.Security;

/// <summary>
/// An asset href that axion-tiles refuses to hand to GDAL (local file, <c>/vsi</c> path, relative
/// path, unexpected scheme, control characters). Retrying cannot help: <see cref="FailureKind.Permanent"/>.
/// The message never contains a query string (see <see cref="SecretRedactor.RedactUrl(string)"/>).
/// </summary>
public sealed class UnsafeHrefException : AxionException
{
    public UnsafeHrefException()
        : this("unsafe asset href.")
    {
    }

    public UnsafeHrefException(string message)
        : base(FailureKind.Permanent, message)
    {
    }

    public UnsafeHrefException(string message, Exception? innerException)
        : base(FailureKind.Permanent, message, innerException)
    {
    }

    /// <summary>The URI scheme found in the href (<c>file</c>, <c>s3</c>, ...), or null when there was none.</summary>
    public string? Scheme { get; init; }

    /// <inheritdoc />
    public override string Reason => "unsafe_href";
}
