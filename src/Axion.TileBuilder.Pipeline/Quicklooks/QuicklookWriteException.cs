using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>A quicklook PNG could not be written (GDAL PNG driver or file system); kind <see cref="FailureKind.Environment"/>.</summary>
public sealed class QuicklookWriteException : AxionException
{
    public QuicklookWriteException(string message, Exception? innerException = null)
        : base(FailureKind.Environment, message, innerException)
    {
    }

    /// <inheritdoc/>
    public override string Reason => "quicklook_write_failed";
}
