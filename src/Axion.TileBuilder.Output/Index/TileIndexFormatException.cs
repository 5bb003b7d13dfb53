using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Output.Index;

/// <summary><c>index.csv</c> cannot be read: a missing column, a bad number or date, broken quoting.</summary>
public sealed class TileIndexFormatException : AxionException
{
    public TileIndexFormatException()
        : this("The tile index is malformed.")
    {
    }

    public TileIndexFormatException(string message)
        : base(FailureKind.Permanent, message)
    {
    }

    public TileIndexFormatException(string message, Exception? innerException)
        : base(FailureKind.Permanent, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string Reason => "index_format";
}
