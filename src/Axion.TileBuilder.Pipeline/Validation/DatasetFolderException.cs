using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>The path given to <see cref="DatasetValidator"/> is not an existing folder (bad input).</summary>
public sealed class DatasetFolderException : AxionException
{
    public DatasetFolderException()
        : this("The dataset folder does not exist.")
    {
    }

    public DatasetFolderException(string message)
        : base(FailureKind.BadInput, message)
    {
    }

    public DatasetFolderException(string message, Exception? innerException)
        : base(FailureKind.BadInput, message, innerException)
    {
    }
}
