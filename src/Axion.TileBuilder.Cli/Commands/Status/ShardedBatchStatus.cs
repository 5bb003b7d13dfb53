using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Reporting;
using Axion.TileBuilder.Sharding;

namespace Axion.TileBuilder.Cli.Commands.Status;

/// <summary>
/// What <c>status</c> shows for a sharded batch read without <c>--shard</c>: every shard journal under the out dir,
/// each read once without its lock (<see cref="BatchStatus.Read"/>), the whole batch summed over them, and the shards
/// that have no journal yet.
/// </summary>
/// <param name="OutDir">The batch's out dir (full path).</param>
/// <param name="ShardCount">N, from <c>_journal/batch.json</c> (else from the journals' names).</param>
/// <param name="Shards">One status per shard journal found, by shard index.</param>
/// <param name="NotStarted">Indices of the shards without a journal.</param>
/// <param name="Whole">The whole batch: every shard's counts (and missing timesteps) summed, the first failed rows by shard then line, running when any shard runs.</param>
internal sealed record ShardedBatchStatus(string OutDir, int ShardCount, IReadOnlyList<BatchStatus> Shards, IReadOnlyList<int> NotStarted, BatchStatus Whole)
{
    /// <summary>A shard whose rows have all reached an end state.</summary>
    public static bool IsFinished(BatchStatus shard) => shard.Finished == shard.Summary.RowsTotal && shard.Summary.RowsTotal > 0;

    /// <summary>True when any shard's build holds its journal now.</summary>
    public bool AnyRunning => Shards.Any(s => s.BuildRunning);

    /// <summary>
    /// Reads every shard journal of <paramref name="outDir"/>; null when the folder holds no sharded batch
    /// (neither <c>_journal/batch.json</c> nor a shard journal).
    /// </summary>
    public static ShardedBatchStatus? TryRead(string outDir, int maxFailedRows, TimeProvider clock)
    {
        var dir = Path.GetFullPath(outDir);
        var files = ShardJournals(dir);
        var manifestCount = ReadManifestShardCount(dir);
        if (files.Count == 0 && manifestCount is null)
        {
            return null;
        }

        var count = manifestCount ?? files.Max(f => f.ShardCount!.Value);
        var shards = files
            .Where(f => f.ShardCount == count)
            .OrderBy(f => f.ShardIndex)
            .Select(f => BatchStatus.Read(dir, maxFailedRows, clock, new ShardSpec(f.ShardIndex!.Value, count)))
            .ToList();
        var started = shards.Select(s => s.Shard!.Value.Index).ToHashSet();
        var notStarted = Enumerable.Range(0, count).Where(i => !started.Contains(i)).ToList();
        var whole = new BatchStatus(
            dir,
            shards.Select(s => s.Run).OfType<RunInfo>().MaxBy(r => r.UpdatedAt),
            JournalSummary.Sum(shards.Select(s => s.Summary)),
            shards.SelectMany(s => s.FailedRows).Take(Math.Max(0, maxFailedRows)).ToList(),
            shards.Any(s => s.BuildRunning),
            clock.GetUtcNow())
        {
            Timesteps = TimestepCounts.Sum(shards.Select(s => s.Timesteps)),
        };
        return new ShardedBatchStatus(dir, count, shards, notStarted, whole);
    }

    /// <summary>True when <paramref name="outDir"/> holds a sharded batch (its identity file or a shard journal); reads no journal.</summary>
    public static bool IsSharded(string outDir)
    {
        var dir = Path.GetFullPath(outDir);
        return File.Exists(ShardedBatchLayout.ManifestPath(dir)) || ShardJournals(dir).Count > 0;
    }

    private static List<JournalFile> ShardJournals(string dir) => JournalLayout.Find(dir).Where(f => f.IsShard).ToList();

    private static int? ReadManifestShardCount(string dir)
    {
        var path = ShardedBatchLayout.ManifestPath(dir);
        try
        {
            return File.Exists(path) && BatchManifest.TryParse(File.ReadAllText(path)) is { } manifest ? manifest.Shards : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
