using Axion.TileBuilder.Testing.FileSystem;

namespace Axion.TileBuilder.Journal.Tests;

/// <summary>
/// A journal on a 1 MiB tmpfs whose every byte is then taken by another file: a write fails as disk full, saying so and
/// naming the journal, without changing what the journal holds; once there is room the same write succeeds.
/// </summary>
public sealed class BatchJournalDiskFullTests : IDisposable
{
    private readonly TempOutDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_write_to_a_journal_on_a_full_disk_fails_as_disk_full_and_keeps_the_last_committed_state()
    {
        using var disk = TmpfsMount.Create(_dir.Path, sizeKb: 1024);
        var outDir = Path.Combine(disk.Path, "out");
        using var journal = JournalFixtures.Seeded(outDir, 3);
        journal.MarkRunning("loc-000");
        journal.MarkDone("loc-000", JournalFixtures.Outcome("loc-000"));
        journal.MarkRunning("loc-001");
        var filler = disk.Fill("filler");

        // Larger than anything the write-ahead log already holds room for: the commit must grow a file.
        var outcome = JournalFixtures.Outcome("loc-001") with { ItemsJson = $$"""{"pad":"{{new string('x', 256 * 1024)}}"}""" };
        var ex = Assert.Throws<JournalStorageException>(() => journal.MarkDone("loc-001", outcome));

        Assert.True(ex.IsDiskFull, ex.Message);
        Assert.Equal(JournalStorageException.SqliteFull, ex.SqliteErrorCode);
        Assert.StartsWith($"journal {journal.DatabasePath}: no space left on its device", ex.Message, StringComparison.Ordinal);
        Assert.Equal(RowState.Running, journal.Get("loc-001")!.State);
        Assert.Equal(RowState.Done, journal.Get("loc-000")!.State);
        Assert.Equal(RowState.Pending, journal.Get("loc-002")!.State);

        File.Delete(filler);
        journal.MarkDone("loc-001", outcome);
        Assert.Equal(RowState.Done, journal.Get("loc-001")!.State);
        Assert.Equal(outcome.ItemsJson, journal.Get("loc-001")!.Outcome!.ItemsJson);
        Assert.Empty(journal.CheckIntegrity());
    }
}
