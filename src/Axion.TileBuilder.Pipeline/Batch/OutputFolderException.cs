using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// <c>--out</c> cannot hold a batch; <see cref="Problem"/> says why (each has its own exit code). A folder that is a
/// file is <see cref="FailureKind.BadInput"/>; a read-only or full one is <see cref="FailureKind.Environment"/>.
/// </summary>
public sealed class OutputFolderException : AxionException
{
    public OutputFolderException()
        : this(OutputFolderProblem.NotWritable, "the output folder cannot be used")
    {
    }

    public OutputFolderException(string message)
        : this(OutputFolderProblem.NotWritable, message)
    {
    }

    public OutputFolderException(string message, Exception? innerException)
        : this(OutputFolderProblem.NotWritable, message, innerException)
    {
    }

    public OutputFolderException(OutputFolderProblem problem, string message, Exception? innerException = null)
        : base(problem == OutputFolderProblem.NotAFolder ? FailureKind.BadInput : FailureKind.Environment, message, innerException)
    {
        Problem = problem;
    }

    /// <summary>Why the folder cannot be used.</summary>
    public OutputFolderProblem Problem { get; }

    /// <inheritdoc />
    public override string Reason => Problem switch
    {
        OutputFolderProblem.NotAFolder => "out_not_a_folder",
        OutputFolderProblem.Full => "out_full",
        _ => "out_not_writable",
    };
}
