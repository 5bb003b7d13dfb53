using System.Diagnostics;
using System.Globalization;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Cli.Hosting;

/// <summary>
/// Live progress on a terminal: one line redrawn in place with rows done/failed/total, tiles,
/// MB read, rate and ETA. When standard error is not a terminal it stays silent (the log lines
/// of each row are the progress).
/// </summary>
internal sealed class ProgressDisplay(TextWriter error, bool live) : IBatchObserver
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _total;
    private int _toProcess;
    private int _done;
    private int _failed;
    private int _finished;
    private long _tiles;
    private long _bytes;

    public void Started(int total, int alreadyDone, int toProcess)
    {
        lock (_gate)
        {
            _total = total;
            _done = alreadyDone;
            _toProcess = toProcess;
            Draw();
        }
    }

    public void RowFinished(RowReport report)
    {
        lock (_gate)
        {
            _finished++;
            if (report.State == RowState.Done)
            {
                _done++;
            }
            else
            {
                _failed++;
            }

            _tiles += report.TilesWritten;
            _bytes += report.BytesRead;
            Draw();
            if (live && _finished == _toProcess)
            {
                error.WriteLine();
            }
        }
    }

    private void Draw()
    {
        if (!live)
        {
            return;
        }

        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var rate = _finished / seconds;
        var remaining = _toProcess - _finished;
        var eta = rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : (TimeSpan?)null;
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"\rrows {_done} done, {_failed} failed / {_total} | tiles {_tiles} | {_bytes / 1e6:F1} MB | {rate * 60:F1} rows/min | ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--")}   ");
        error.Write(line);
        error.Flush();
    }
}
