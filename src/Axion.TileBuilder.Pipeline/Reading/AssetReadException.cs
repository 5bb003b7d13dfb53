using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>A window read of an asset failed after its retries.</summary>
public sealed class AssetReadException : AxionException
{
    public AssetReadException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        Reason = reason;
    }

    /// <inheritdoc />
    public override string Reason { get; }
}
