using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Hosting;

/// <summary>
/// Progress of a batch on standard error (<see cref="BatchProgress.Format"/>: N of M rows, rate, ETA, tiles, MB read).
/// On a terminal (<c>live</c>) one line is redrawn in place after every row and every <see cref="LiveRefresh"/>.
/// Otherwise (a log file, a pipe, CI) a line starting <c>progress: </c> is printed when the batch starts, then at most
/// every <see cref="PlainInterval"/> (10 s by default) while rows finish or time passes, and once at the end.
/// </summary>
internal sealed class ProgressDisplay : IBatchObserver, IDisposable
{
    /// <summary>How often the terminal line is redrawn without a row finishing (its rate and ETA move).</summary>
    public static readonly TimeSpan LiveRefresh = TimeSpan.FromSeconds(1);

    /// <summary>Default time between two progress lines when standard error is not a terminal.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>Starts the lines that are not drawn on a terminal.</summary>
    public const string PlainPrefix = "progress: ";

    /// <summary>ANSI: erase from the cursor to the end of the line.</summary>
    private const string EraseToEndOfLine = "\u001b[K";

    private readonly TextWriter _error;
    private readonly bool _live;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private BatchProgress _progress;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _lastPrinted;
    private ITimer? _timer;
    private bool _started;
    private bool _lineOpen;
    private bool _ended;
    private bool _changedSincePrint;

    /// <param name="error">Where progress goes (standard error).</param>
    /// <param name="live">True when <paramref name="error"/> is a terminal: redraw one line in place.</param>
    /// <param name="clock">Time source for the rate, the ETA and the refresh timer.</param>
    /// <param name="plainInterval">Time between two lines when not <paramref name="live"/>; default <see cref="PlainInterval"/>.</param>
    public ProgressDisplay(TextWriter error, bool live, TimeProvider clock, TimeSpan? plainInterval = null)
    {
        _error = error;
        _live = live;
        _clock = clock;
        _interval = live ? LiveRefresh : plainInterval ?? PlainInterval;
    }

    public void Started(int total, int alreadyDone, int toProcess)
    {
        lock (_gate)
        {
            _progress = new BatchProgress(total, alreadyDone, toProcess, 0, 0, 0, 0, 0);
            _startedAt = _clock.GetUtcNow();
            _started = true;
            Print();
            _timer ??= _clock.CreateTimer(_ => Tick(), null, _interval, _interval);
            EndIfComplete();
        }
    }

    public void RowFinished(RowReport report)
    {
        lock (_gate)
        {
            var p = _progress;
            _progress = p with
            {
                Done = p.Done + (report.State == RowState.Done ? 1 : 0),
                Failed = p.Failed + (report.State == RowState.Failed ? 1 : 0),
                Skipped = p.Skipped + (report.State == RowState.Skipped ? 1 : 0),
                Tiles = p.Tiles + report.TilesWritten,
                Bytes = p.Bytes + report.BytesRead,
            };
            _changedSincePrint = true;
            if (_live || _clock.GetUtcNow() - _lastPrinted >= _interval)
            {
                Print();
            }

            EndIfComplete();
        }
    }

    /// <summary>Redraws the terminal line, or prints a line when <see cref="PlainInterval"/> has passed since the last (the timer calls it).</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (_started && !_ended && (_live || _clock.GetUtcNow() - _lastPrinted >= _interval))
            {
                Print();
            }
        }
    }

    /// <summary>Stops the refresh and ends the terminal line (a batch stopped by Ctrl+C or an error ends here).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (_lineOpen)
            {
                _error.WriteLine();
                _lineOpen = false;
            }

            _ended = true;
        }
    }

    /// <summary>After the last row: the final line (plain) or the line end (terminal), and no more refreshes.</summary>
    private void EndIfComplete()
    {
        if (_ended || _progress.Finished < _progress.ToProcess)
        {
            return;
        }

        if (!_live && _changedSincePrint)
        {
            Print();
        }

        _ended = true;
        _timer?.Dispose();
        _timer = null;
        if (_lineOpen)
        {
            _error.WriteLine();
            _lineOpen = false;
        }
    }

    private void Print()
    {
        var now = _clock.GetUtcNow();
        var line = _progress.Format(now - _startedAt);
        if (_live)
        {
            _error.Write("\r" + line + EraseToEndOfLine);
            _lineOpen = true;
        }
        else
        {
            _error.WriteLine(PlainPrefix + line);
        }

        _error.Flush();
        _lastPrinted = now;
        _changedSincePrint = false;
    }
}
