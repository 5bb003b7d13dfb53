using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Remote;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Storage.Local;
using Axion.TileBuilder.Storage.Locations;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Remote;

/// <summary>
/// When a shard's journal snapshot reaches the store (<see cref="JournalCheckpoints"/>), read back from the store as a
/// rescheduled pod would: after every N finished rows before the worker goes on, after the interval when rows finished,
/// and at the end.
/// </summary>
public sealed class JournalCheckpointsTests : IDisposable
{
    private static readonly ShardSpec Shard = new(1, 4);
    private readonly TempDirectory _work = new();
    private readonly TempDirectory _bucket = new();
    private readonly TempDirectory _restored = new();

    public void Dispose()
    {
        _work.Dispose();
        _bucket.Dispose();
        _restored.Dispose();
    }

    [Fact]
    public async Task A_snapshot_is_in_the_store_after_every_n_finished_rows_and_a_last_one_after_dispose()
    {
        using var remote = NewRemote(new CheckpointPolicy(2, TimeSpan.FromHours(1)), TimeProvider.System);
        using var journal = SeededJournal(5);
        var checkpoints = remote.StartCheckpoints(journal);
        try
        {
            await FinishAsync(journal, checkpoints, "r0");
            Assert.Null(await DoneInStoreAsync(remote)); // 1 row: not due

            await FinishAsync(journal, checkpoints, "r1");
            Assert.Equal(["r0", "r1"], await DoneInStoreAsync(remote));

            await FinishAsync(journal, checkpoints, "r2");
            Assert.Equal(["r0", "r1"], await DoneInStoreAsync(remote));

            await FinishAsync(journal, checkpoints, "r3");
            Assert.Equal(["r0", "r1", "r2", "r3"], await DoneInStoreAsync(remote));

            await FinishAsync(journal, checkpoints, "r4");
            journal.MarkRunning("r0-late"); // a row in flight at the end stays running in the last snapshot
        }
        finally
        {
            await checkpoints.DisposeAsync();
        }

        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], await DoneInStoreAsync(remote));
        Assert.Equal(3, checkpoints.Uploaded);
    }

    [Fact]
    public async Task When_fewer_rows_than_n_finish_the_interval_brings_them_to_the_store()
    {
        var time = new FakeTimeProvider();
        using var remote = NewRemote(new CheckpointPolicy(50, TimeSpan.FromSeconds(60)), time);
        using var journal = SeededJournal(2);
        await using var checkpoints = remote.StartCheckpoints(journal);

        await FinishAsync(journal, checkpoints, "r0");
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(50);
        Assert.Null(await DoneInStoreAsync(remote));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["r0"], await WaitForDoneInStoreAsync(remote, 1));
    }

    private RemoteOutput NewRemote(CheckpointPolicy policy, TimeProvider time) =>
        new(new LocalFolderStore(OutputLocation.ForLocalFolder(_bucket.Path)), _work.Path, Shard, policy, Logger.None) { Time = time };

    private BatchJournal SeededJournal(int rows)
    {
        var journal = BatchJournal.OpenFile(_work.Path, ShardedBatchLayout.JournalPath(_work.Path, Shard), create: true);
        journal.StartRun(new RunInfo("{}", "locations.csv", new string('c', 64), "0.1.0", DateTimeOffset.UnixEpoch, "local"));
        journal.AddRows(Enumerable.Range(0, rows).Select(i => JournalRowSeed.Pending("r" + i, i + 2, "{}")).Append(JournalRowSeed.Pending("r0-late", rows + 2, "{}")));
        return journal;
    }

    private static async Task FinishAsync(BatchJournal journal, JournalCheckpoints checkpoints, string rowId)
    {
        journal.MarkRunning(rowId);
        journal.MarkDone(rowId, new RowOutcome { TilesWritten = 1, Files = [$"tile_{rowId}_0_0.npz"], ItemsJson = "{}" });
        await checkpoints.RowFinishedAsync();
    }

    /// <summary>The done rows of the snapshot in the store, downloaded into a fresh folder; null when there is none.</summary>
    private async Task<IReadOnlyList<string>?> DoneInStoreAsync(RemoteOutput remote)
    {
        using var store = new LocalFolderStore(OutputLocation.ForLocalFolder(_bucket.Path));
        var copy = Path.Combine(_restored.Path, Guid.NewGuid().ToString("N") + ".db");
        if (!await store.DownloadAsync(remote.JournalObjectName, copy))
        {
            return null;
        }

        using var journal = BatchJournal.OpenReadOnlyFile(_restored.Path, copy);
        return journal.List().Where(r => r.State == RowState.Done).Select(r => r.RowId).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The background loop uploads on its own thread: wait (without a time limit on correctness) until it has.</summary>
    private async Task<IReadOnlyList<string>?> WaitForDoneInStoreAsync(RemoteOutput remote, int rows)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await DoneInStoreAsync(remote) is { } done && done.Count >= rows)
            {
                return done;
            }

            await Task.Delay(50);
        }

        return await DoneInStoreAsync(remote);
    }
}
