using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Output.Index;
using Axion.TileBuilder.Pipeline.Remote;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Stac.Security;
using Axion.TileBuilder.Storage;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// Runs a batch: reads the CSV, takes the out dir, seeds the journal, runs the rows on the workers and writes the
/// index. A row is marked done only after all its tiles are on disk; every exception of a row fails that row alone
/// (<see cref="RowFailureMapper"/>). A row caught <c>running</c> at start (the process died) is redone from scratch,
/// after the other rows, and failed as <c>crashed_repeatedly</c> once it has crashed <see cref="MaxCrashes"/> times.
/// </summary>
/// <param name="log">Logger.</param>
/// <param name="observer">Progress display, or null.</param>
/// <param name="policy">Row limits; <see cref="RowAttemptPolicy.Default"/> when null.</param>
public sealed class BatchRunner(ILogger log, IBatchObserver? observer = null, RowAttemptPolicy? policy = null)
{
    /// <summary>Times the process may die while running a row before the row is failed as <c>crashed_repeatedly</c>.</summary>
    public const int MaxCrashes = 3;

    private readonly RowAttempt _attempt = new(policy ?? RowAttemptPolicy.Default, log);

    /// <summary>Tool version (informational version of this assembly).</summary>
    public static string ToolVersion => BatchIdentity.ToolVersion;

    /// <summary>
    /// For tests: replaces the row processor (one attempt of one row), e.g. to throw an exception no layer expects.
    /// Null: the real <see cref="RowProcessor"/>.
    /// </summary>
    internal Func<LocationRow, CancellationToken, Task<RowResult>>? ProcessOverride { get; init; }

    /// <summary>Reads the settings a journal (of <paramref name="shard"/>, when sharded) was started with (for <c>resume</c>).</summary>
    public static RunSettings ReadSettings(string outDir, ShardSpec? shard = null)
    {
        ShardedBatchLayout.RequireJournal(outDir, shard);
        OutputFolder.Prepare(Path.GetFullPath(outDir), create: false);
        using var journal = ShardedBatchLayout.OpenJournal(outDir, shard, create: false);
        var run = journal.Run ?? throw new AxionException(
            FailureKind.BadInput,
            $"the batch in {outDir} never started (it was stopped before its settings were saved): run the same 'axion-tiles build' command again.");
        return RunSettings.FromJson(run.SettingsJson);
    }

    /// <summary>Runs the batch until every claimable row is finished or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<BatchResult> RunAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var settings = request.Settings;
        var options = settings.ToBuildOptions();
        options.ThrowIfInvalid();

        var remote = request.Remote;
        if (remote is not null)
        {
            await remote.RestoreJournalAsync(cancellationToken);
            await remote.FetchManifestAsync(cancellationToken);
        }

        using var journal = OpenAndSeed(request);
        if (remote is not null)
        {
            await remote.PublishManifestAsync(cancellationToken);
            log.Information("Output {Store}; work folder {WorkDir}", remote.Store.Description, remote.WorkDir);
        }

        await using var checkpoints = remote?.StartCheckpoints(journal);
        RecoverCrashedRows(journal);
        RowFileCleanup.RemoveOrphanTempFiles(request.OutDir, request.Shard);
        await BatchStart.WaitAsync(request, cancellationToken); // start jitter: before any row is claimed or catalog request sent

        // Rows are streamed from the journal a page at a time: memory does not grow with the batch.
        var retryFailed = request.RetryFailed || request.RetryPermanent;
        var toRun = journal.CountClaimable(retryFailed, request.RetryPermanent);
        var claimable = journal.EnumerateClaimable(retryFailed, request.RetryPermanent, pageSize: Math.Max(64, options.Workers * 8));
        var summaryBefore = journal.Summarize();
        observer?.Started(summaryBefore.RowsTotal, summaryBefore.Count(RowState.Done), toRun);
        log.Information(
            "Batch {OutDir}: {Total} rows, {Done} done, {ToRun} to run with {Workers} workers (catalog {Catalog})",
            request.OutDir,
            summaryBefore.RowsTotal,
            summaryBefore.Count(RowState.Done),
            toRun,
            options.Workers,
            settings.Profile.Name);

        log.Debug("GDAL {Version}; cloud read settings: {Settings}", GdalRuntime.VersionString, string.Join(" ", GdalCloudConfig.Defaults.Select(p => p.Key + "=" + p.Value)));
        using var scope = new RowEnvironmentScope(settings, request.OutDir, request.SubscriptionKey, request.Today, log);
        using var prefetchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tokens = toRun > 0 ? scope.PrefetchTokensAsync(prefetchStop.Token) : Task.CompletedTask; // alongside the first searches
        var processor = new RowProcessor(scope.Environment);
        Func<LocationRow, RowCost, CancellationToken, Task<RowResult>> process = ProcessOverride is { } replaced
            ? (row, _, ct) => replaced(row, ct)
            : (row, cost, ct) => processor.ProcessAsync(row, ct, cost);
        var processed = 0;
        try
        {
            await Parallel.ForEachAsync(
                claimable,
                new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                async (journalRow, ct) =>
                {
                    var report = await RunRowAsync(journal, process, journalRow, request, ct);
                    if (checkpoints is not null)
                    {
                        await checkpoints.RowFinishedAsync();
                    }

                    NativeHeap.Trim(); // a row's freed GDAL/curl buffers stay in malloc arenas otherwise

                    Interlocked.Increment(ref processed);
                    observer?.RowFinished(report);
                });
        }
        finally
        {
            // A token no row asked for (every row failed before signing) is not waited for: its request is stopped.
            await prefetchStop.CancelAsync();
            await tokens; // never faults
        }

        if (BatchIndex.WriteOrLog(request.OutDir, journal, request.Shard, log) is { } index && remote is not null)
        {
            await PublishIndexOrLogAsync(remote, index, cancellationToken);
        }

        var summary = journal.Summarize();
        log.Information(
            "Batch finished: {Done} done, {Failed} failed of {Total}; {Tiles} tiles; {MB:F1} MB read in {Seconds:F1} s",
            summary.Count(RowState.Done),
            summary.Count(RowState.Failed),
            summary.RowsTotal,
            summary.TilesWritten,
            summary.BytesRead / 1e6,
            clock.Elapsed.TotalSeconds);
        return new BatchResult(summary, processed, clock.Elapsed, request.OutDir) { Shard = request.Shard };
    }

    /// <summary>
    /// Reads and checks the CSV before the out dir is touched (a rejected CSV leaves <c>--out</c> as it was), checks the
    /// out dir, opens the journal, checks the batch identity and seeds the rows. Not async on purpose: the CSV's parse
    /// dies when this returns, so it is not kept for the batch.
    /// </summary>
    private BatchJournal OpenAndSeed(BatchRequest request)
    {
        var csv = LocationCsvFile.Read(request.Settings.CsvPath);
        OutputFolder.Prepare(Path.GetFullPath(request.OutDir), create: !request.Resume);
        GdalRuntime.Initialize();
        var journal = ShardedBatchLayout.OpenJournal(request.OutDir, request.Shard, create: !request.Resume);
        try
        {
            if (request.Shard is { } shard)
            {
                ShardedBatchLayout.CheckSiblings(request.OutDir, BatchManifest.For(csv.Sha256, request.Settings, shard.Count, ToolVersion), request.Force, log);
            }

            BatchIdentity.Establish(journal, request, csv.Sha256);
            JournalSeeder.Seed(journal, csv.Parse, request.Shard, log);
            return journal;
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    private void RecoverCrashedRows(BatchJournal journal)
    {
        foreach (var row in journal.RecoverCrashedRows(MaxCrashes))
        {
            if (row.State == RowState.Failed)
            {
                log.Warning("Row {Id} failed (crashed_repeatedly): {Message}", row.RowId, row.Message);
            }
            else
            {
                log.Information("Row {Id} was cut short by a crash ({Crashes} of {Max}); it is redone after the other rows", row.RowId, row.Crashes, MaxCrashes);
            }
        }
    }

    private async Task<RowReport> RunRowAsync(
        BatchJournal journal,
        Func<LocationRow, RowCost, CancellationToken, Task<RowResult>> process,
        JournalRow journalRow,
        BatchRequest request,
        CancellationToken cancellationToken)
    {
        var id = journalRow.RowId;
        if (JournalSeeder.ReadInput(journalRow) is not { } row)
        {
            const string message = "the journal holds no readable CSV values for this row; start the batch again with --force";
            journal.MarkRunning(id);
            journal.MarkFailed(id, FailureKind.BadInput, "bad_input", message);
            return new RowReport(id, RowState.Failed, 0, 0, 0, "bad_input", message);
        }

        journal.MarkRunning(id);
        CrashPoint.Hit(CrashPoint.ForRow(CrashPoint.RowStarted, id));
        var files = RowFiles.Of(request.OutDir, row, request.Settings);
        var removed = RowFileCleanup.BeforeAttempt(files);
        if (removed > 0)
        {
            log.Debug("Row {Id}: removed {Count} tiles of an interrupted attempt", id, removed);
        }

        var clock = Stopwatch.StartNew();
        var cost = new RowCost(); // what the row spent over all its attempts, kept when it fails
        try
        {
            var result = await _attempt.RunAsync(row, (r, ct) => process(r, cost, ct), () => RowFileCleanup.BetweenAttempts(files), cancellationToken);
            CrashPoint.Hit(CrashPoint.TilesWritten);
            if (request.Remote is { } remote)
            {
                await remote.PublishRowAsync(files, result, cancellationToken);
                CrashPoint.Hit(CrashPoint.TilesUploaded);
            }

            MarkDone(journal, id, result);
            return new RowReport(id, RowState.Done, result.Tiles.Count, result.BytesRead, result.Seconds, null, null);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped on purpose (whatever the row threw on its way out): not a failure and not a crash; the next run redoes it.
            RowFileCleanup.AfterFailure(files);
            journal.ReleaseRow(id);
            throw ex as OperationCanceledException ?? new OperationCanceledException("the batch was cancelled", ex, cancellationToken);
        }
        catch (ObjectStoreException ex) when (ex.Kind == FailureKind.Environment)
        {
            // Credentials refused or expired, container gone: every other row would read its scenes and then fail the
            // same way. The row is released (not failed) and the batch stops (exit 1); a run with working credentials redoes it.
            RowFileCleanup.AfterFailure(files);
            journal.ReleaseRow(id);
            log.Error("Row {Id}: the output store refused the upload ({Reason}): {Message}; the batch stops", id, ex.Reason, ex.Message);
            throw;
        }
        catch (JournalStorageException ex)
        {
            // The journal could not record the row (its device is full, an I/O error), so it could record no other row:
            // not the row's failure. Its files are removed and the batch stops; the journal keeps its last committed state
            // (this row running), and a resume redoes the row (counting it as cut short, as after a crash).
            RowFileCleanup.AfterFailure(files);
            log.Error("Row {Id}: the journal could not record it ({Message}); the batch stops", id, ex.Message);
            throw;
        }
#pragma warning disable CA1031 // A row's every failure is that row's: the batch goes on (no poison rows).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var failure = RowFailureMapper.Map(ex);
            if (failure.Kind == FailureKind.Internal)
            {
                log.Debug(ex, "Row {Id}: unexpected exception", id);
            }

            RowFileCleanup.AfterFailure(files);
            await RemoveUploadsOrLogAsync(request.Remote, files, cancellationToken);
            journal.MarkFailed(id, failure.Kind, failure.Reason, failure.Message, new RowSpend(cost.Bytes, cost.Requests, clock.Elapsed.TotalSeconds));
            log.Warning("Row {Id} failed ({Reason}): {Message}", id, failure.Reason, failure.Message);
            return new RowReport(id, RowState.Failed, 0, cost.Bytes, clock.Elapsed.TotalSeconds, failure.Reason, failure.Message);
        }
    }

    /// <summary>A failed row's names in the store are deleted (an upload of an interrupted attempt may be there); best effort.</summary>
    private async Task RemoveUploadsOrLogAsync(RemoteOutput? remote, RowFiles files, CancellationToken cancellationToken)
    {
        if (remote is null)
        {
            return;
        }

        try
        {
            await remote.RemoveRowAsync(files, cancellationToken);
        }
        catch (Exception ex) when (ex is AxionException or OperationCanceledException)
        {
            log.Warning("Row {Id}: could not delete its files from {Location} ({Message}); 'axion-tiles merge' lists only done rows' tiles", files.RowId, remote.Store.Location, SecretRedactor.Redact(ex.Message));
        }
    }

    /// <summary>An unsharded batch's index files go to the store at the end; a failure is logged (the next run writes them again).</summary>
    private async Task PublishIndexOrLogAsync(RemoteOutput remote, TileIndexFiles index, CancellationToken cancellationToken)
    {
        try
        {
            string[] paths = [index.CsvPath, index.GeoJsonPath, index.ParquetPath];
            await remote.PublishFilesAsync(paths.Select(p => Path.GetRelativePath(remote.WorkDir, p).Replace('\\', '/')), cancellationToken);
        }
        catch (AxionException ex)
        {
            log.Error("Could not upload the index files to {Location} ({Message}); the next build or resume uploads them", remote.Store.Location, SecretRedactor.Redact(ex.Message));
        }
    }

    private void MarkDone(BatchJournal journal, string id, RowResult result)
    {
        var items = new JsonObject
        {
            ["decisions"] = JsonNode.Parse(result.DecisionsJson),
            ["tiles"] = JsonSerializer.SerializeToNode(result.Tiles),
        };
        journal.MarkDone(id, new RowOutcome
        {
            TilesWritten = result.Tiles.Count,
            TilesRejected = result.TilesRejected,
            RejectedByReason = result.RejectedByReason,
            Files = result.Tiles.Select(t => t.File).ToList(),
            ItemsJson = items.ToJsonString(),
            BytesRead = result.BytesRead,
            Requests = result.Requests,
            Seconds = result.Seconds,
        });
        log.Information(
            "Row {Id}: {Tiles} tiles ({Rejected} rejected), {MB:F1} MB in {Seconds:F1} s",
            id,
            result.Tiles.Count,
            result.TilesRejected,
            result.BytesRead / 1e6,
            result.Seconds);
    }
}
