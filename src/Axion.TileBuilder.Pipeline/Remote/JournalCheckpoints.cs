using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Stac.Security;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Remote;

/// <summary>
/// Uploads consistent snapshots of a live journal (<see cref="BatchJournal.SnapshotTo"/>, never a copy of the WAL
/// database) as the <see cref="CheckpointPolicy"/> says: the worker whose row completes <see cref="CheckpointPolicy.EveryRows"/>
/// uploads one before it takes its next row (so the snapshot after row N is in the store before row N+1 of that worker
/// starts); a background loop uploads one when <see cref="CheckpointPolicy.Every"/> has passed with rows finished since;
/// and a last one is uploaded when disposed (the batch ended, was cancelled, or received SIGTERM). One snapshot at a time. A failed snapshot is logged and the
/// next one tries again: the live journal in the work folder is intact, and a row finished after the last uploaded
/// snapshot is only redone (to the same tiles) if the work folder is lost.
/// </summary>
internal sealed class JournalCheckpoints : IAsyncDisposable
{
    private readonly BatchJournal _journal;
    private readonly RemoteOutput _output;
    private readonly CheckpointPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _finished;
    private long _snapshotAt;

    public JournalCheckpoints(BatchJournal journal, RemoteOutput output, CheckpointPolicy policy, TimeProvider time, ILogger log)
    {
        _journal = journal;
        _output = output;
        _policy = policy;
        _time = time;
        _log = log;
        _loop = LoopAsync(); // runs up to its first wait here, so the interval counts from now
    }

    /// <summary>Snapshots uploaded so far.</summary>
    public int Uploaded { get; private set; }

    /// <summary>
    /// A row was finished (done or failed) in the journal: uploads a snapshot when <see cref="CheckpointPolicy.EveryRows"/>
    /// rows have finished since the last one (unless one is being uploaded: it is skipped, the next row triggers it).
    /// </summary>
    public async Task RowFinishedAsync()
    {
        if (Interlocked.Increment(ref _finished) - Interlocked.Read(ref _snapshotAt) >= _policy.EveryRows)
        {
            await SnapshotAsync(final: false, wait: false);
        }
    }

    /// <summary>Stops the loop and uploads the last snapshot (always: it holds the rows released at a cancel).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await SnapshotAsync(final: true, wait: true);
        _stop.Dispose();
        _one.Dispose();
    }

    private async Task LoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_policy.Every, _time, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!token.IsCancellationRequested && Interlocked.Read(ref _finished) > Interlocked.Read(ref _snapshotAt))
            {
                await SnapshotAsync(final: false, wait: false);
            }
        }
    }

    private async Task SnapshotAsync(bool final, bool wait)
    {
        if (!wait && !await _one.WaitAsync(0))
        {
            return; // one is being uploaded now
        }

        if (wait)
        {
            await _one.WaitAsync();
        }

        var finished = Interlocked.Read(ref _finished);
        var folder = AtomicRename.TempFolderOf(_output.WorkDir);
        var path = Path.Combine(folder, $".journal-snapshot.tmp-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            _journal.SnapshotTo(path);

            // Not cancellable by the batch: the last snapshot is exactly what a SIGTERM must leave behind.
            await _output.Store.UploadAsync(_output.JournalObjectName, path, CancellationToken.None);
            Interlocked.Exchange(ref _snapshotAt, finished);
            Uploaded++;
            _log.Debug("Journal snapshot {Name} uploaded to {Location} ({Rows} rows finished in this run)", _output.JournalObjectName, _output.Store.Location, finished);
        }
#pragma warning disable CA1031 // A snapshot that fails must not fail the batch: the next one (or the next run) tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log.Warning(
                "Could not upload the journal snapshot {Name} to {Location}{When}: {Message}",
                _output.JournalObjectName,
                _output.Store.Location,
                final ? " at exit" : string.Empty,
                SecretRedactor.Redact(ex.Message));
        }
        finally
        {
            File.Delete(path);
            _one.Release();
        }
    }
}
