using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>A row ran past its hard time limit (<see cref="RowAttemptPolicy.RowTimeout"/>); transient, reason <c>row_timeout</c>.</summary>
public sealed class RowTimeoutException : AxionException
{
    public RowTimeoutException()
        : this("the row ran past its time limit")
    {
    }

    public RowTimeoutException(string message)
        : base(FailureKind.Transient, message)
    {
    }

    public RowTimeoutException(string message, Exception? innerException)
        : base(FailureKind.Transient, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string Reason => "row_timeout";
}
