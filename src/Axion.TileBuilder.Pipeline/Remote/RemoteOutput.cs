using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Storage;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Remote;

/// <summary>
/// A batch whose <c>--out</c> is an object store (<c>az://</c>, <c>s3://</c>). The batch runs as it would into a local
/// folder, the <see cref="WorkDir"/> (<c>--work-dir</c>): the live journal, tiles being written, temporary files. This
/// type moves things between the two:
/// <list type="bullet">
/// <item>at start, a shard with no journal in its work folder (a pod rescheduled onto an empty <c>emptyDir</c>)
/// downloads its last snapshot (<see cref="RestoreJournalAsync"/>), and the batch identity <c>_journal/batch.json</c>
/// is fetched before the siblings check and published after it (<see cref="FetchManifestAsync"/>, <see cref="PublishManifestAsync"/>);</item>
/// <item>a row's tiles and quicklook are uploaded, under exactly the local layout's names, before the row is marked
/// done, and then deleted from the work folder (<see cref="PublishRowAsync"/>), so the work folder holds only rows in
/// flight; a failed row's names are deleted from the store (<see cref="RemoveRowAsync"/>), so an upload cut short
/// leaves nothing the journal does not list;</item>
/// <item>journal snapshots go to <see cref="JournalObjectName"/> while the batch runs and at exit (<see cref="StartCheckpoints"/>);</item>
/// <item>an unsharded batch's index files are uploaded at the end (<see cref="PublishFilesAsync"/>).</item>
/// </list>
/// A crash between an upload and the journal's commit redoes the row, which overwrites the same names with the same
/// bytes (uploads are idempotent and verified, see <see cref="IObjectStore.UploadAsync"/>).
/// </summary>
public sealed class RemoteOutput : IDisposable
{
    /// <summary>Uploads or deletes of one row's files in flight at once.</summary>
    private const int FilesInParallel = 4;

    private readonly ILogger _log;

    /// <param name="store">The output store (owned: disposed with this instance).</param>
    /// <param name="workDir">The local work folder (full path).</param>
    /// <param name="shard">This process's shard, or null for an unsharded batch.</param>
    /// <param name="checkpoints">When journal snapshots are uploaded; <see cref="CheckpointPolicy.Default"/> when null.</param>
    /// <param name="log">Logger.</param>
    public RemoteOutput(IObjectStore store, string workDir, ShardSpec? shard, CheckpointPolicy? checkpoints, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(workDir);
        Store = store;
        WorkDir = Path.GetFullPath(workDir);
        Shard = shard;
        Checkpoints = checkpoints ?? CheckpointPolicy.Default;
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>The output store.</summary>
    public IObjectStore Store { get; }

    /// <summary>The local work folder the batch runs in.</summary>
    public string WorkDir { get; }

    /// <summary>This process's shard, or null.</summary>
    public ShardSpec? Shard { get; }

    /// <summary>When journal snapshots are uploaded.</summary>
    public CheckpointPolicy Checkpoints { get; }

    /// <summary>The journal's object name: <c>_journal/shard-K-of-N.db</c>, or <c>journal.db</c> for an unsharded batch.</summary>
    public string JournalObjectName => Shard is { } s ? ShardedBatchLayout.JournalName(s) : BatchJournal.FileName;

    /// <summary>Source of time for the snapshot interval (tests pass a fake).</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// When the work folder holds no journal of this batch, downloads the last snapshot from the store (if any) into
    /// its place. A journal already in the work folder is newer than any snapshot and is kept.
    /// </summary>
    /// <returns>True when a snapshot was downloaded.</returns>
    public async Task<bool> RestoreJournalAsync(CancellationToken cancellationToken)
    {
        var local = ShardedBatchLayout.JournalPath(WorkDir, Shard);
        if (File.Exists(local))
        {
            if (await Store.HeadAsync(JournalObjectName, cancellationToken) is null)
            {
                _log.Warning(
                    "{Location} holds no {Name} but the work folder {WorkDir} has a journal: it is used (rows it calls done are not redone). If the store was emptied, delete the work folder to start afresh",
                    Store.Location,
                    JournalObjectName,
                    WorkDir);
            }

            return false;
        }

        // Stray SQLite side files of another journal would be applied to the downloaded one.
        if (Directory.Exists(Path.GetDirectoryName(local)))
        {
            File.Delete(local + "-wal");
            File.Delete(local + "-shm");
        }

        if (!await Store.DownloadAsync(JournalObjectName, local, cancellationToken))
        {
            return false;
        }

        _log.Information("Restored the journal from {Location}/{Name}: rows finished after that snapshot are redone", Store.Location, JournalObjectName);
        return true;
    }

    /// <summary>
    /// Copies the store's <c>_journal/batch.json</c> (the identity the shards share) into the work folder, replacing
    /// the local one, so the siblings check compares with the batch as the store knows it. Also refuses early, with
    /// the store's error, when the credentials or the container are wrong.
    /// </summary>
    public async Task FetchManifestAsync(CancellationToken cancellationToken)
    {
        var name = ShardedBatchLayout.JournalFolder + "/" + ShardedBatchLayout.ManifestFileName;
        await Store.DownloadAsync(name, ShardedBatchLayout.ManifestPath(WorkDir), cancellationToken);
    }

    /// <summary>Uploads the work folder's <c>_journal/batch.json</c> when it exists (nothing is sent when the store has the same bytes).</summary>
    public async Task PublishManifestAsync(CancellationToken cancellationToken)
    {
        var path = ShardedBatchLayout.ManifestPath(WorkDir);
        if (File.Exists(path))
        {
            await Store.UploadAsync(ShardedBatchLayout.JournalFolder + "/" + ShardedBatchLayout.ManifestFileName, path, cancellationToken);
        }
    }

    /// <summary>
    /// Uploads a finished row's files (its tiles, their GeoTIFF copies, its quicklooks) under their local names, then
    /// deletes them from the work folder. Throws (failing the row) when an upload fails after its retries.
    /// </summary>
    public async Task PublishRowAsync(RowFiles files, RowResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(result);
        var names = new List<string>();
        foreach (var tile in result.Tiles)
        {
            names.Add(tile.File);
            var geotiff = TileNames.GeoTiffCopyOf(tile.File);
            if (File.Exists(LocalPath(geotiff)))
            {
                names.Add(geotiff);
            }
        }

        names.AddRange(QuicklookFiles.FileNames(files.RowId, files.Timesteps).Where(q => File.Exists(LocalPath(q))));

        await PublishFilesAsync(names, cancellationToken);
        foreach (var name in names)
        {
            File.Delete(LocalPath(name));
        }
    }

    /// <summary>
    /// Deletes every name a row can have written (tiles by its grid, GeoTIFF copies, quicklook) from the store: after
    /// the row failed, so no upload of an earlier or interrupted attempt stays behind. Absent names are no error.
    /// </summary>
    public async Task RemoveRowAsync(RowFiles files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await ForEachNameAsync(files.PossibleNames(), Store.DeleteAsync, cancellationToken);
    }

    /// <summary>Uploads the work folder's files <paramref name="names"/> (relative, with <c>/</c>) under the same names.</summary>
    public async Task PublishFilesAsync(IEnumerable<string> names, CancellationToken cancellationToken) =>
        await ForEachNameAsync(names, (name, ct) => Store.UploadAsync(name, LocalPath(name), ct), cancellationToken);

    /// <summary>
    /// <see cref="DownloadJournalsAsync"/>, refusing (bad input, naming the location) a store that holds no journal
    /// snapshot at all: no shard has started there yet, or the location is wrong.
    /// </summary>
    public async Task RequireJournalsAsync(CancellationToken cancellationToken)
    {
        if (await DownloadJournalsAsync(cancellationToken) == 0)
        {
            throw new AxionException(
                FailureKind.BadInput,
                $"no batch in {Store.Location}: neither {BatchJournal.FileName} nor {ShardedBatchLayout.JournalFolder}/shard-<K>-of-<N>.db is there (a shard uploads its first snapshot after --checkpoint-rows rows or --checkpoint-seconds, and at exit).");
        }
    }

    /// <summary>
    /// For <c>status</c> and <c>merge</c>: downloads the batch's journal snapshots (<c>journal.db</c>, every
    /// <c>_journal/shard-K-of-N.db</c>) and <c>_journal/batch.json</c> into <see cref="WorkDir"/> (which must be a
    /// folder of its own, never a running shard's work folder), replacing earlier copies.
    /// </summary>
    /// <returns>How many files were downloaded.</returns>
    public async Task<int> DownloadJournalsAsync(CancellationToken cancellationToken)
    {
        var count = await Store.DownloadAsync(BatchJournal.FileName, LocalPath(BatchJournal.FileName), cancellationToken) ? 1 : 0;
        await foreach (var stored in Store.ListAsync(ShardedBatchLayout.JournalFolder + "/", cancellationToken))
        {
            var name = stored.Name;
            var wanted = name.EndsWith(".db", StringComparison.Ordinal) && !name.Contains(".tmp", StringComparison.Ordinal)
                || string.Equals(name, ShardedBatchLayout.JournalFolder + "/" + ShardedBatchLayout.ManifestFileName, StringComparison.Ordinal);
            if (wanted && name.IndexOf('/', ShardedBatchLayout.JournalFolder.Length + 1) < 0
                && await Store.DownloadAsync(name, LocalPath(name), cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Starts uploading snapshots of <paramref name="journal"/>; disposing the result uploads the last one.</summary>
    internal JournalCheckpoints StartCheckpoints(BatchJournal journal) => new(journal, this, Checkpoints, Time, _log);

    /// <summary>Disposes the store.</summary>
    public void Dispose() => Store.Dispose();

    /// <summary>Runs <paramref name="action"/> on every name, <see cref="FilesInParallel"/> at a time.</summary>
    private static Task ForEachNameAsync(IEnumerable<string> names, Func<string, CancellationToken, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = FilesInParallel, CancellationToken = cancellationToken },
            async (name, ct) => await action(name, ct));

    private string LocalPath(string name) => Path.Combine(WorkDir, name.Replace('/', Path.DirectorySeparatorChar));
}
