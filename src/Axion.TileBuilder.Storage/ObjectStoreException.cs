using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Storage;

/// <summary>
/// An output-store operation failed. The message names the operation, the object and the location, and never
/// contains a secret. <see cref="Reason"/> is one of the constants below.
/// </summary>
public sealed class ObjectStoreException : AxionException
{
    /// <summary>Network errors, 5xx, throttling or timeouts that outlasted the retries (transient).</summary>
    public const string Unavailable = "storage_unavailable";

    /// <summary>The stored bytes did not match the local file (length or MD5) on every attempt (transient).</summary>
    public const string Mismatch = "storage_mismatch";

    /// <summary>Credentials missing, wrong or not allowed to do this (environment).</summary>
    public const string AuthFailed = "storage_auth";

    /// <summary>The container or bucket does not exist (environment).</summary>
    public const string ContainerNotFound = "storage_container_not_found";

    /// <summary>Anything else the store refused (permanent).</summary>
    public const string Failed = "storage_failed";

    private readonly string _reason;

    public ObjectStoreException()
        : this("output store operation failed.")
    {
    }

    public ObjectStoreException(string message)
        : this(FailureKind.Permanent, Failed, message)
    {
    }

    public ObjectStoreException(string message, Exception? innerException)
        : this(FailureKind.Permanent, Failed, message, innerException)
    {
    }

    public ObjectStoreException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _reason = reason;
    }

    /// <inheritdoc />
    public override string Reason => _reason;
}
