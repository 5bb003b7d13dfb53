namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>
/// Collects the text of the failures GDAL raises on the current thread while it is active. GDAL keeps only the
/// last error of a thread, and after a failed write that is the consequence ("IO error writing tag data"), not the
/// cause ("_tiffWriteProc:No space left on device"). Scopes nest; each sees the failures raised while it is innermost.
/// </summary>
internal sealed class FailureCapture : IDisposable
{
    /// <summary>Distinct messages kept per scope: the first ones hold the cause.</summary>
    private const int MaxMessages = 4;

    [ThreadStatic]
    private static FailureCapture? _current;

    private readonly FailureCapture? _outer;
    private readonly List<string> _messages = [];

    private FailureCapture()
    {
        _outer = _current;
        _current = this;
    }

    /// <summary>The distinct failure messages raised on this thread since <see cref="Begin"/>, first first (at most 4).</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Starts collecting on the calling thread; dispose on the same thread.</summary>
    public static FailureCapture Begin() => new();

    /// <summary>Called by <see cref="ErrorHandler"/> on the thread that raised the error.</summary>
    internal static void Record(GdalErrorClass errorClass, string text)
    {
        if (errorClass >= GdalErrorClass.Failure && _current is { } capture
            && capture._messages.Count < MaxMessages && !capture._messages.Contains(text, StringComparer.Ordinal))
        {
            capture._messages.Add(text.Trim());
        }
    }

    public void Dispose() => _current = _outer;
}
