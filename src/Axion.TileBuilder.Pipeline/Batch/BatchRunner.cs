using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Stac.Security;
using Serilog;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// Runs a batch: journal, CSV, workers, index. A row is marked done only after all its tiles are
/// on disk; a row caught mid-way (state <c>running</c> at start) is redone from scratch.
/// </summary>
public sealed class BatchRunner(ILogger log, IBatchObserver? observer = null)
{
    /// <summary>Tool version (informational version of this assembly).</summary>
    public static string ToolVersion { get; } =
        typeof(BatchRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Reads the settings a journal was started with (for <c>resume</c>).</summary>
    public static RunSettings ReadSettings(string outDir)
    {
        if (!File.Exists(Path.Combine(outDir, BatchJournal.FileName)))
        {
            throw new AxionException(FailureKind.BadInput, $"no batch in {outDir}: {BatchJournal.FileName} not found (start one with 'axion-tiles build').");
        }

        using var journal = BatchJournal.Open(outDir, create: false);
        var run = journal.Run ?? throw new AxionException(
            FailureKind.BadInput,
            $"the batch in {outDir} never started (it was stopped before its settings were saved): run the same 'axion-tiles build' command again.");
        return RunSettings.FromJson(run.SettingsJson);
    }

    /// <summary>Runs the batch until every claimable row is finished or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<BatchResult> RunAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var settings = request.Settings;
        var options = settings.ToBuildOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new AxionException(FailureKind.BadInput, "invalid options: " + string.Join("; ", errors));
        }

        Directory.CreateDirectory(request.OutDir);
        GdalRuntime.Initialize();
        using var journal = BatchJournal.Open(request.OutDir, create: !request.Resume);
        PrepareAndSeed(journal, request);
        RemoveOrphanTempFiles(request.OutDir);

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
        var environment = scope.Environment;
        var processor = new RowProcessor(environment);
        var processed = 0;
        await Parallel.ForEachAsync(
            claimable,
            new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
            async (journalRow, ct) =>
            {
                var report = await RunRowAsync(journal, processor, journalRow, request.OutDir, ct);
                NativeHeap.Trim(); // a row's freed GDAL/curl buffers stay in malloc arenas otherwise

                Interlocked.Increment(ref processed);
                observer?.RowFinished(report);
            });

        try
        {
            TileIndex.Write(request.OutDir, journal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or AxionException)
        {
            // The index is rebuilt from the journal by every run; the tiles and the journal are intact.
            log.Error("Could not write index.csv/index.geojson ({Message}); the next build or resume writes them", SecretRedactor.Redact(ex.Message));
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
        return new BatchResult(summary, processed, clock.Elapsed, request.OutDir);
    }

    private async Task<RowReport> RunRowAsync(
        BatchJournal journal,
        RowProcessor processor,
        JournalRow journalRow,
        string outDir,
        CancellationToken cancellationToken)
    {
        var id = journalRow.RowId;
        if (ReadInput(journalRow) is not { } row)
        {
            const string message = "the journal holds no readable CSV values for this row; start the batch again with --force";
            journal.MarkRunning(id);
            journal.MarkFailed(id, FailureKind.BadInput, "bad_input", message);
            return new RowReport(id, RowState.Failed, 0, 0, 0, "bad_input", message);
        }

        journal.MarkRunning(id);
        QuicklookFiles.Delete(outDir, id);
        var removed = TileNames.DeleteTilesOf(outDir, id);
        if (removed > 0)
        {
            log.Debug("Row {Id}: removed {Count} tiles of an interrupted attempt", id, removed);
        }

        var clock = Stopwatch.StartNew();
        var cost = new Rows.RowCost(); // what the row spent, kept when it fails
        try
        {
            var result = await ProcessWithRetriesAsync(processor, row, outDir, cost, cancellationToken);
            CrashPoint.Hit(CrashPoint.TilesWritten);
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
            return new RowReport(id, RowState.Done, result.Tiles.Count, result.BytesRead, result.Seconds, null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (AxionException ex)
        {
            var message = SecretRedactor.Redact(ex.Message);
            DeleteFilesOf(outDir, id);
            journal.MarkFailed(id, ex.Kind, ex.Reason, message);
            log.Warning("Row {Id} failed ({Reason}): {Message}", id, ex.Reason, message);
            return new RowReport(id, RowState.Failed, 0, cost.Bytes, clock.Elapsed.TotalSeconds, ex.Reason, message);
        }
        catch (IOException ex)
        {
            var message = SecretRedactor.Redact(ex.Message);
            DeleteFilesOf(outDir, id);
            journal.MarkFailed(id, FailureKind.Environment, "io_error", message);
            log.Warning("Row {Id} failed (io_error): {Message}", id, message);
            return new RowReport(id, RowState.Failed, 0, cost.Bytes, clock.Elapsed.TotalSeconds, "io_error", message);
        }
        catch (HttpRequestException ex)
        {
            var message = SecretRedactor.Redact(ex.Message);
            DeleteFilesOf(outDir, id);
            journal.MarkFailed(id, FailureKind.Transient, "http_error", message);
            log.Warning("Row {Id} failed (http_error): {Message}", id, message);
            return new RowReport(id, RowState.Failed, 0, cost.Bytes, clock.Elapsed.TotalSeconds, "http_error", message);
        }
    }

    /// <summary>
    /// Deletes the tiles of a failed row and the temporary files of its unfinished tile writes (a write that
    /// failed on a full disk can leave its <c>.tile_...npz.tmp-*</c> behind), so the row leaves no file and the
    /// space is free again before the failure is journaled.
    /// </summary>
    private static void DeleteFilesOf(string outDir, string id)
    {
        TileNames.DeleteTilesOf(outDir, id);
        foreach (var temp in Directory.EnumerateFiles(outDir, ".tile_" + id + "_*.tmp-*"))
        {
            var name = Path.GetFileName(temp);
            var marker = name.LastIndexOf(".tmp-", StringComparison.Ordinal);
            if (marker > 1 && TileNames.BelongsTo(name[1..marker], id))
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                    // Best effort: the next run removes stray temporary files anyway.
                }
            }
        }
    }

    /// <summary>Attempts per row for transient failures (each attempt has its own request-level retries).</summary>
    public const int RowAttempts = 3;

    /// <summary>
    /// Runs a row, retrying it as a whole when it failed for a transient reason that outlived the
    /// request-level retries (a throttled token endpoint, an overloaded server): partial tiles are removed first.
    /// </summary>
    private async Task<Rows.RowResult> ProcessWithRetriesAsync(RowProcessor processor, LocationRow row, string outDir, Rows.RowCost cost, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await processor.ProcessAsync(row, cancellationToken, cost);
            }
            catch (Exception ex) when (attempt < RowAttempts && !cancellationToken.IsCancellationRequested
                && (ex is HttpRequestException || ex is AxionException { Kind: FailureKind.Transient }))
            {
                log.Information("Row {Id}: transient failure ({Message}); retrying the row ({Attempt}/{Max})", row.Id, SecretRedactor.Redact(ex.Message), attempt + 1, RowAttempts);
                TileNames.DeleteTilesOf(outDir, row.Id);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    private static (string Text, string Hash) ReadCsv(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AxionException(FailureKind.BadInput, $"cannot read the locations CSV {path}: {ex.Message}", ex);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = ex.Index;
            throw new AxionException(FailureKind.BadInput, $"the locations CSV {path} is not valid UTF-8 (invalid bytes near byte offset {offset}); save it as UTF-8.", ex);
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return (text, BatchJournal.HashCsv(stream));
    }

    private static void PrepareRun(BatchJournal journal, BatchRequest request, string csvHash)
    {
        var settingsJson = request.Settings.ToJson();
        var info = new RunInfo(settingsJson, request.Settings.CsvPath, csvHash, ToolVersion, DateTimeOffset.UtcNow, request.Settings.Profile.Name);
        if (journal.Run is not { } existing)
        {
            if (request.Resume)
            {
                throw new AxionException(FailureKind.BadInput, $"no batch to resume in {request.OutDir}.");
            }

            journal.StartRun(info);
            return;
        }

        var stored = RunSettings.FromJson(existing.SettingsJson);
        var sameCsv = string.Equals(existing.CsvSha256, csvHash, StringComparison.Ordinal);
        var sameSettings = string.Equals(stored.IdentityJson(), request.Settings.IdentityJson(), StringComparison.Ordinal);
        if (sameCsv && sameSettings)
        {
            return;
        }

        if (!request.Force)
        {
            var what = !sameCsv ? "the locations CSV changed since the batch started" : "the settings differ from the batch's";
            throw new AxionException(
                FailureKind.BadInput,
                $"{request.OutDir} holds a different batch ({what}); use another --out, 'axion-tiles resume --out {request.OutDir}' to continue it, or --force to start afresh there.");
        }

        foreach (var done in journal.List(RowState.Done))
        {
            foreach (var file in done.Outcome?.Files ?? [])
            {
                File.Delete(Path.Combine(request.OutDir, file));
            }

            QuicklookFiles.Delete(request.OutDir, done.RowId);
        }

        journal.ReplaceRun(info);
    }

    /// <summary>
    /// Reads the CSV, checks it (and the settings) against the journal's batch and seeds the journal with its rows.
    /// Not async on purpose: the CSV text and its parse die when this returns, so they are not kept for the batch.
    /// </summary>
    private void PrepareAndSeed(BatchJournal journal, BatchRequest request)
    {
        var (csvText, csvHash) = ReadCsv(request.Settings.CsvPath);
        PrepareRun(journal, request, csvHash);
        SeedRows(journal, csvText, request.Settings.CsvPath);
    }

    /// <summary>The row's CSV values as seeded (<see cref="JournalRowSeed.InputJson"/>), or null if they cannot be read.</summary>
    private static LocationRow? ReadInput(JournalRow journalRow)
    {
        try
        {
            return JsonSerializer.Deserialize<LocationRow>(journalRow.InputJson) is { Id: { } rowId } row && rowId == journalRow.RowId ? row : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses the CSV, seeds the journal with its rows (bad rows as failed).</summary>
    private void SeedRows(BatchJournal journal, string csvText, string csvPath)
    {
        var parsed = LocationCsvParser.Parse(new StringReader(csvText), csvPath);
        foreach (var warning in parsed.Warnings)
        {
            log.Warning("{Warning}", warning);
        }

        var seeds = new List<JournalRowSeed>(parsed.Rows.Count + parsed.RowErrors.Count);
        seeds.AddRange(parsed.Rows.Select(r => JournalRowSeed.Pending(r.Id, r.Line, JsonSerializer.Serialize(r))));
        foreach (var error in parsed.RowErrors)
        {
            log.Warning("{Source} line {Line}: {Message}", csvPath, error.Line, error.Message);
            seeds.Add(JournalRowSeed.Rejected(error.RowId, error.Line, "{}", error.Message));
        }

        journal.AddRows(seeds);
    }

    private static void RemoveOrphanTempFiles(string outDir)
    {
        QuicklookFiles.RemoveOrphanTempFiles(outDir);
        foreach (var temp in Directory.EnumerateFiles(outDir, ".*.tmp-*"))
        {
            File.Delete(temp);
        }
    }
}
