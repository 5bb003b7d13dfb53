namespace Axion.TileBuilder.Errors;

/// <summary>
/// How a failure is classified. It decides whether a row is retried and how the command line exits.
/// The lower-case names (<c>transient</c>, <c>permanent</c>, ...) are what the journal stores.
/// </summary>
public enum FailureKind
{
    /// <summary>Network hiccups, throttling, expired tokens, timeouts: retried, then the row fails as retryable.</summary>
    Transient,

    /// <summary>404 asset, corrupt COG, HTML error page, catalog junk: retrying will not help.</summary>
    Permanent,

    /// <summary>The user's input is wrong (a CSV row, an option, a profile file).</summary>
    BadInput,

    /// <summary>No scene satisfied the selection rules for the row (too cloudy, no S1 pair).</summary>
    NoData,

    /// <summary>The local machine: disk full, permission denied, missing GDAL.</summary>
    Environment,

    /// <summary>
    /// An error axion-tiles did not expect (an exception type no layer maps, a bug): the row fails alone, the message
    /// is kept and the stack trace goes to the debug log. Not retried by <c>--retry-failed</c>.
    /// </summary>
    Internal,
}
