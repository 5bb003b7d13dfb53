using System.Globalization;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Sharding;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// Where a batch keeps its journal. Unsharded: <c>&lt;out&gt;/journal.db</c> (locked by <c>&lt;out&gt;/.axion.lock</c>, one process).
/// Sharded (<c>--shard K/N</c> or a scheduler's index): one journal per shard, <c>&lt;out&gt;/_journal/shard-K-of-N.db</c>
/// (locked by its own <c>.lock</c> file, so the shards share the out dir but never a SQLite file), and the identity the
/// shards share, <c>&lt;out&gt;/_journal/batch.json</c> (<see cref="BatchManifest"/>). An out dir holds one kind or the other.
/// </summary>
public static class ShardedBatchLayout
{
    /// <summary>The folder of the shard journals inside the out dir (<see cref="JournalLayout.ShardFolder"/>).</summary>
    public const string JournalFolder = JournalLayout.ShardFolder;

    /// <summary>The shared identity file's name inside <see cref="JournalFolder"/>.</summary>
    public const string ManifestFileName = "batch.json";

    /// <summary>The journal of <paramref name="shard"/>, relative to the out dir with <c>/</c>: <c>_journal/shard-K-of-N.db</c>.</summary>
    public static string JournalName(ShardSpec shard) => JournalFolder + "/" + JournalLayout.ShardFileName(shard.Index, shard.Count);

    /// <summary>The full path of the journal of <paramref name="shard"/> (or of the unsharded <c>journal.db</c> when null).</summary>
    public static string JournalPath(string outDir, ShardSpec? shard) =>
        shard is { } s ? Path.Combine(outDir, JournalName(s)) : Path.Combine(outDir, BatchJournal.FileName);

    /// <summary>The full path of <c>_journal/batch.json</c>.</summary>
    public static string ManifestPath(string outDir) => Path.Combine(outDir, JournalFolder, ManifestFileName);

    /// <summary>
    /// Opens the journal of <paramref name="shard"/> (unsharded when null) in <paramref name="outDir"/>, refusing an out dir
    /// that holds the other kind of batch.
    /// </summary>
    /// <param name="outDir">The out dir (full path).</param>
    /// <param name="shard">This process's shard, or null.</param>
    /// <param name="create">True for <c>build</c>; false for <c>resume</c>/<c>status</c> (the journal must exist).</param>
    /// <exception cref="AxionException">Kind <see cref="FailureKind.BadInput"/>: no such batch, or a batch of the other kind.</exception>
    public static BatchJournal OpenJournal(string outDir, ShardSpec? shard, bool create)
    {
        if (create)
        {
            CheckKind(outDir, shard);
        }
        else
        {
            RequireJournal(outDir, shard);
        }

        var path = JournalPath(outDir, shard);
        return shard is null ? BatchJournal.Open(outDir, create) : BatchJournal.OpenFile(outDir, path, create);
    }

    /// <summary>Throws unless <paramref name="outDir"/> holds the journal of <paramref name="shard"/> (unsharded when null); opens nothing.</summary>
    /// <exception cref="AxionException">Kind <see cref="FailureKind.BadInput"/>: no such batch, or a batch of the other kind.</exception>
    public static void RequireJournal(string outDir, ShardSpec? shard)
    {
        CheckKind(outDir, shard);
        var path = JournalPath(outDir, shard);
        if (!File.Exists(path))
        {
            var name = Path.GetRelativePath(outDir, path).Replace('\\', '/');
            var hint = shard is null ? "start one with 'axion-tiles build'" : $"start this shard with 'axion-tiles build --shard {shard}'";
            throw new AxionException(FailureKind.BadInput, $"no batch in {outDir}: {name} not found ({hint}).");
        }
    }

    /// <summary>
    /// Checks this shard's <paramref name="mine"/> against <c>_journal/batch.json</c>, creating the file when absent
    /// (atomically: the first of several shards starting at once writes it, the others read it).
    /// </summary>
    /// <param name="outDir">The out dir (full path).</param>
    /// <param name="mine">This shard's CSV hash, settings identity, number of shards and tool version.</param>
    /// <param name="force">Replace a differing file instead of refusing (<c>build --force</c>).</param>
    /// <param name="log">Warnings (another tool version, a replaced file).</param>
    /// <exception cref="AxionException">Kind <see cref="FailureKind.BadInput"/> (exit 2): a sibling started the batch with a
    /// different CSV, settings or number of shards (the message says which), or the file is unreadable.</exception>
    public static void CheckSiblings(string outDir, BatchManifest mine, bool force, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(log);
        var path = ManifestPath(outDir);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (TryCreate(path, mine))
        {
            return;
        }

        var stored = Read(path);
        var differences = mine.DifferencesFrom(stored);
        if (differences.Count > 0)
        {
            if (!force)
            {
                throw new AxionException(
                    FailureKind.BadInput,
                    $"{outDir} holds shards of a different batch ({JournalFolder}/{ManifestFileName}): {string.Join("; ", differences)}. "
                    + "Every shard of a batch must be started with the same CSV, settings and number of shards; use another --out, or --force to start afresh there.");
            }

            Write(path, mine, overwrite: true);
            log.Warning("Replaced {Path} (--force): {Differences}", path, string.Join("; ", differences));
            return;
        }

        if (!string.Equals(mine.ToolVersion, stored.ToolVersion, StringComparison.Ordinal))
        {
            log.Warning("This shard runs axion-tiles {Mine}; the batch was started with {Stored} ({Path})", mine.ToolVersion, stored.ToolVersion, path);
        }
    }

    /// <summary>Refuses a sharded run over an unsharded batch and the reverse.</summary>
    private static void CheckKind(string outDir, ShardSpec? shard)
    {
        if (shard is null && File.Exists(ManifestPath(outDir)))
        {
            var shards = TryReadShards(ManifestPath(outDir));
            throw new AxionException(
                FailureKind.BadInput,
                $"{outDir} holds a sharded batch ({JournalFolder}/{ManifestFileName}{shards}): pass --shard K/N, or run where JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID is set.");
        }

        if (shard is { } s && File.Exists(Path.Combine(outDir, BatchJournal.FileName)))
        {
            throw new AxionException(
                FailureKind.BadInput,
                $"{outDir} holds an unsharded batch ({BatchJournal.FileName}); shard {s} cannot join it: use another --out, or run without --shard (and without JOB_COMPLETION_INDEX/SLURM_ARRAY_TASK_ID).");
        }

        // The number of shards is checked before the journal is opened, so a refused shard leaves no journal of a
        // shard count the batch does not have (CSV and settings are checked by CheckSiblings once the CSV is read).
        if (shard is { } own && File.Exists(ManifestPath(outDir)) && Read(ManifestPath(outDir)) is { } stored && stored.Shards != own.Count)
        {
            throw new AxionException(
                FailureKind.BadInput,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{outDir} holds shards of a different batch ({JournalFolder}/{ManifestFileName}): the number of shards differs ({own.Count} here, {stored.Shards} in the batch). Every shard of a batch must be started with the same CSV, settings and number of shards; use another --out."));
        }
    }

    private static string TryReadShards(string path)
    {
        try
        {
            return BatchManifest.TryParse(File.ReadAllText(path)) is { } m ? string.Create(CultureInfo.InvariantCulture, $", {m.Shards} shards") : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Creates the file unless it exists; false when another shard made it first.</summary>
    private static bool TryCreate(string path, BatchManifest manifest)
    {
        if (File.Exists(path))
        {
            return false;
        }

        try
        {
            Write(path, manifest, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Writes a complete temporary file, then moves it into place (never replacing an existing file unless <paramref name="overwrite"/>).</summary>
    private static void Write(string path, BatchManifest manifest, bool overwrite)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{ManifestFileName}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                using var writer = new StreamWriter(stream);
                writer.Write(manifest.ToJson());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // Without overwrite .NET moves with link()+unlink() (or renameat2 RENAME_NOREPLACE): atomic create-if-absent.
            File.Move(temp, path, overwrite);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static BatchManifest Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AxionException(FailureKind.Environment, $"cannot read {path}: {ex.Message}", ex);
        }

        return BatchManifest.TryParse(text) ?? throw new AxionException(
            FailureKind.BadInput,
            $"{path} is not a batch identity file of axion-tiles (csv_sha256, settings_identity, shards, tool_version); remove it only if no shard of the batch is running.");
    }
}
