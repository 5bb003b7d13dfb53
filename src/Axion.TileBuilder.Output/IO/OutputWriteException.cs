using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Output.IO;

/// <summary>
/// Writing an output file failed on the local machine (disk full, permission denied, missing
/// folder). Classified as <see cref="FailureKind.Environment"/>.
/// </summary>
public sealed class OutputWriteException : AxionException
{
    public OutputWriteException()
        : this("Could not write an output file.")
    {
    }

    public OutputWriteException(string message)
        : base(FailureKind.Environment, message)
    {
    }

    public OutputWriteException(string message, Exception? innerException)
        : base(FailureKind.Environment, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string Reason => "output_write";
}
