using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Sharding;

/// <summary>
/// The shard of this process cannot be determined: a malformed <c>--shard</c>, an index out of range, or scheduler
/// environment variables that disagree. Kind <see cref="FailureKind.BadInput"/> (exit 2); the message quotes the values.
/// </summary>
public sealed class ShardSpecException : AxionException
{
    public ShardSpecException()
        : this("The shard of this process cannot be determined.")
    {
    }

    public ShardSpecException(string message)
        : base(FailureKind.BadInput, message)
    {
    }

    public ShardSpecException(string message, Exception? innerException)
        : base(FailureKind.BadInput, message, innerException)
    {
    }
}
