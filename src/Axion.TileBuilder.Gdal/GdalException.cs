using System.Globalization;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// A GDAL call failed. <see cref="Exception.Message"/> holds what we tried, then GDAL's own message
/// (which may contain a URL: redact signed query strings before logging). <see cref="AxionException.Kind"/>
/// is <see cref="FailureKind.Transient"/> only for HTTP 429/5xx, timeouts and dropped connections.
/// </summary>
public partial class GdalException : AxionException
{
    public GdalException()
        : this("A GDAL call failed.")
    {
    }

    public GdalException(string message)
        : this(FailureKind.Permanent, GdalErrorClass.Failure, 0, message)
    {
    }

    public GdalException(string message, Exception? innerException)
        : this(FailureKind.Permanent, GdalErrorClass.Failure, 0, message, innerException)
    {
    }

    public GdalException(
        FailureKind kind, GdalErrorClass errorClass, int errorNumber, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        ErrorClass = errorClass;
        ErrorNumber = errorNumber;
        HttpStatusCode = ParseHttpStatus(message);
    }

    /// <summary>GDAL's <c>CPLErrorNum</c> (1 = AppDefined, 4 = OpenFailed, 11 = HttpResponse, ...).</summary>
    public int ErrorNumber { get; }

    /// <summary>GDAL's error class of the failure.</summary>
    public GdalErrorClass ErrorClass { get; }

    /// <summary>The HTTP status GDAL reported in its message (e.g. 404, 503), or null.</summary>
    public int? HttpStatusCode { get; }

    /// <inheritdoc/>
    public override string Reason => HttpStatusCode is { } status
        ? string.Create(CultureInfo.InvariantCulture, $"http_{status}")
        : base.Reason;

    /// <summary>
    /// Builds the exception from the calling thread's last GDAL error (call right after the failing
    /// call, on the same thread, with no await in between), then resets that error state.
    /// </summary>
    /// <param name="context">What was attempted, e.g. <c>Cannot open '/data/x.tif'</c>.</param>
    /// <param name="causes">Every failure GDAL raised during the call (<see cref="Interop.FailureCapture"/>); when given, the message lists them instead of the last one alone.</param>
    internal static GdalException FromLastError(string context, IReadOnlyList<string>? causes = null)
    {
        var number = Interop.Native.CPLGetLastErrorNo();
        var type = Interop.Native.CPLGetLastErrorType();
        var text = Interop.Utf8.FromConstPointer(Interop.Native.CPLGetLastErrorMsg());
        Interop.Native.CPLErrorReset();

        var errorClass = Enum.IsDefined((GdalErrorClass)type) ? (GdalErrorClass)type : GdalErrorClass.Failure;
        if (string.IsNullOrWhiteSpace(text))
        {
            // GDAL failed without saying why: report it as CPLE_AppDefined so callers still see a number.
            text = "GDAL reported no error message";
            number = number == 0 ? 1 : number;
            errorClass = errorClass < GdalErrorClass.Failure ? GdalErrorClass.Failure : errorClass;
        }

        if (causes is { Count: > 0 })
        {
            text = string.Join("; ", causes);
        }

        var message = $"{context}: {text.Trim()}";
        return new GdalException(Classify(message), errorClass, number, message);
    }

    /// <summary>Transient for HTTP 429/5xx, timeouts and dropped connections; Permanent otherwise.</summary>
    internal static FailureKind Classify(string message)
    {
        if (ParseHttpStatus(message) is { } status)
        {
            return status == 429 || (status >= 500 && status <= 599) ? FailureKind.Transient : FailureKind.Permanent;
        }

        return TransientTextRegex().IsMatch(message) ? FailureKind.Transient : FailureKind.Permanent;
    }

    private static int? ParseHttpStatus(string message)
    {
        var match = HttpStatusRegex().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var group = match.Groups["a"].Success ? match.Groups["a"] : match.Groups["b"];
        return int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    // GDAL 3.6 formats: "HTTP response code: 503", "HTTP response code on <url>: 503",
    // "HTTP error code : 503", "416: <text>, Range downloading not supported by this server!".
    [GeneratedRegex(
        @"HTTP (?:response|error) code(?: on \S+)?\s*:\s*(?<a>\d{3})\b|(?<b>\d{3}): [^\n]*Range downloading not supported",
        RegexOptions.CultureInvariant)]
    private static partial Regex HttpStatusRegex();

    [GeneratedRegex(
        @"timed out|timeout|connection reset|connection was reset|recv failure|empty reply from server|send failure",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TransientTextRegex();
}
