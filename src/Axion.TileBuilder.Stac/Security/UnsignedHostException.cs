using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Stac.Security;

/// <summary>
/// With <c>--strict-hosts</c>: an asset href of a signed source points to a host that is not among the source's
/// signing hosts, so it is not read at all. Retrying cannot help: <see cref="FailureKind.Permanent"/>, reason
/// <c>unsigned_host_refused</c>. The message names the host, never the query string.
/// </summary>
public sealed class UnsignedHostException : AxionException
{
    public UnsignedHostException()
        : this("asset host is not a signing host.")
    {
    }

    public UnsignedHostException(string message)
        : base(FailureKind.Permanent, message)
    {
    }

    public UnsignedHostException(string message, Exception? innerException)
        : base(FailureKind.Permanent, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string Reason => "unsigned_host_refused";
}
