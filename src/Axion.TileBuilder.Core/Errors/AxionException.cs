namespace Axion.TileBuilder.Errors;

/// <summary>
/// The root of every exception axion-tiles throws on purpose. The message is one line meant for a
/// user (no stack trace, no secrets); <see cref="Kind"/> says whether retrying can help.
/// </summary>
public class AxionException : Exception
{
    public AxionException()
        : this("axion-tiles failed.")
    {
    }

    public AxionException(string message)
        : this(FailureKind.Permanent, message, null)
    {
    }

    public AxionException(string message, Exception? innerException)
        : this(FailureKind.Permanent, message, innerException)
    {
    }

    public AxionException(FailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>How the failure is classified.</summary>
    public FailureKind Kind { get; }

    /// <summary>Short machine-readable reason, e.g. <c>no_clear_scene</c>, <c>http_503</c>; stored in the journal.</summary>
    public virtual string Reason => Kind switch
    {
        FailureKind.Transient => "transient",
        FailureKind.Permanent => "permanent",
        FailureKind.BadInput => "bad_input",
        FailureKind.NoData => "no_scene",
        FailureKind.Environment => "environment",
        FailureKind.Internal => "internal",
        _ => "error",
    };
}
