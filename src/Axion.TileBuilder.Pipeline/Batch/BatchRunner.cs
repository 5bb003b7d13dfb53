using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Sharding;
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

        using var journal = OpenAndSeed(request);
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
        var processor = new RowProcessor(scope.Environment);
        Func<LocationRow, RowCost, CancellationToken, Task<RowResult>> process = ProcessOverride is { } replaced
            ? (row, _, ct) => replaced(row, ct)
            : (row, cost, ct) => processor.ProcessAsync(row, ct, cost);
        var processed = 0;
        await Parallel.ForEachAsync(
            claimable,
            new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
            async (journalRow, ct) =>
            {
                var report = await RunRowAsync(journal, process, journalRow, request.OutDir, settings, ct);
                NativeHeap.Trim(); // a row's freed GDAL/curl buffers stay in malloc arenas otherwise

                Interlocked.Increment(ref processed);
                observer?.RowFinished(report);
            });

        BatchIndex.WriteOrLog(request.OutDir, journal, request.Shard, log);
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
        string outDir,
        RunSettings settings,
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
        var files = RowFiles.Of(outDir, row, settings);
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
            journal.MarkFailed(id, failure.Kind, failure.Reason, failure.Message, new RowSpend(cost.Bytes, cost.Requests, clock.Elapsed.TotalSeconds));
            log.Warning("Row {Id} failed ({Reason}): {Message}", id, failure.Reason, failure.Message);
            return new RowReport(id, RowState.Failed, 0, cost.Bytes, clock.Elapsed.TotalSeconds, failure.Reason, failure.Message);
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
