using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Diagnostics;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Pipeline.Mosaics;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Quicklooks;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Radiometry;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// One location end to end: <see cref="RowPlanner"/> decides everything (grid, scenes with the SCL
/// checks, Sentinel-1 pair, radiometry, read plan per asset), then <see cref="ExecuteAsync"/> reads
/// only the planned AOI windows, converts, masks, cuts and writes tiles.
/// </summary>
public sealed class RowProcessor(RowEnvironment env)
{
    private readonly RowPlanner _planner = new(env);

    /// <summary>Processes one row (plan, then execute); throws an <see cref="AxionException"/> when the row fails.</summary>
    /// <param name="row">The row.</param>
    /// <param name="cancellationToken">Cancels the row.</param>
    /// <param name="cost">
    /// Charged with every byte and request of the row's reads, also when the row fails (read it then for the failed row's
    /// cost); a new one when null. The result's <see cref="RowResult.BytesRead"/> and <see cref="RowResult.Requests"/> are its totals.
    /// </param>
    public async Task<RowResult> ProcessAsync(LocationRow row, CancellationToken cancellationToken, RowCost? cost = null)
    {
        var clock = Stopwatch.StartNew();
        var outer = RowCost.Current;
        RowCost.Current = cost ?? new RowCost();
        try
        {
            var result = env.Options.Timesteps > 1
                ? await ProcessTimestepsAsync(row, cancellationToken)
                : await ExecuteAsync(await _planner.PlanAsync(row, cancellationToken), cancellationToken);
            return result with { Seconds = clock.Elapsed.TotalSeconds };
        }
        finally
        {
            RowCost.Current = outer;
        }
    }

    /// <summary>
    /// A row of several timesteps (<see cref="TimestepRun"/>): every part of its date window is planned and built
    /// (<see cref="ExecuteAsync"/>) at the same time; the tiles of the parts with a clear scene, and the decisions of every
    /// part, the missing ones with their reason.
    /// </summary>
    private async Task<RowResult> ProcessTimestepsAsync(LocationRow row, CancellationToken cancellationToken)
    {
        var outcomes = await TimestepRun.RunAsync(_planner, row, env.Options.RequiredTimesteps, ExecuteAsync, cancellationToken);
        var cost = RowCost.Current;
        var results = outcomes.Select(o => o.Value).OfType<RowResult>().ToList();
        var rejected = results.SelectMany(r => r.RejectedByReason)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        var bytes = cost?.Bytes ?? results.Sum(r => r.BytesRead);
        var requests = cost?.Requests ?? results.Sum(r => r.Requests);
        var decisions = new JsonObject
        {
            ["row"] = row.Id,
            ["window"] = new DateWindow(outcomes[0].Part.Window.Start, outcomes[^1].Part.Window.End).ToString(),
            ["timesteps"] = new JsonArray([.. outcomes.Select(o => (JsonNode)TimestepDecisionsJson.Entry(
                o.Part.Index, o.Part.Window.ToString(), o.Value is { } part ? (JsonObject)JsonNode.Parse(part.DecisionsJson)! : null, o.Reason, o.Message))]),
            ["timesteps_done"] = results.Count,
            ["timesteps_missing"] = TimestepDecisionsJson.Missing(outcomes.Where(o => o.Value is null).Select(o => (o.Part.Index, o.Reason))),
            ["tiles_written"] = results.Sum(r => r.Tiles.Count),
            ["tiles_rejected"] = rejected.Values.Sum(),
            ["bytes_read"] = bytes,
            ["requests"] = requests,
        };
        return new RowResult
        {
            Tiles = [.. results.SelectMany(r => r.Tiles)],
            TilesRejected = rejected.Values.Sum(),
            RejectedByReason = rejected,
            DecisionsJson = decisions.ToJsonString(),
            BytesRead = bytes,
            Requests = requests,
            Seconds = 0,
        };
    }

    /// <summary>
    /// The execute phase: reads the band windows of <paramref name="plan"/> in parallel on the I/O
    /// threads, masks with the plan's SCL, writes the tiles. Bytes and requests include the plan's: the row's
    /// <see cref="RowCost.Current"/> when there is one, else the sum of the plan's and the reads' own counts. Each band read
    /// is stopped as soon as it passes its <see cref="ReadBudget"/>.
    /// </summary>
    public async Task<RowResult> ExecuteAsync(RowPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Row is null || plan.AoiGrid is null || plan.S2Item is null || plan.S1Item is null || plan.Scl is null)
        {
            throw new ArgumentException($"the plan of row {plan.RowId} was not made by RowPlanner in this process (row, grid, items or SCL missing)", nameof(plan));
        }

        var clock = Stopwatch.StartNew();
        var target = plan.Grid;
        // One read per asset; a mosaic has one per item, merged per band in plan order (first valid pixel wins). The windows
        // read ahead while the SCL was checked are taken as they are (ReadAhead).
        var grdConstant = env.Profile.Sentinel1.GrdConstant;
        var s2Tasks = _planner.S2Bands.Select(band => plan.Reads.Where(r => r.Band == band).Select(read => ReadWindow(
            plan, env.Sentinel2Reader, read, ds => ReflectanceReader.Read(ds, target, plan.RadiometryOf(read.ItemId), read), cancellationToken)).ToArray()).ToArray();
        var s1Tasks = RowPlanner.S1Bands.Select(pol => plan.Reads.Where(r => r.Band == pol).Select(read => ReadWindow(
            plan, env.Sentinel1Reader, read, ds => BackscatterReader.Read(ds, target, read, grdConstant), cancellationToken)).ToArray()).ToArray();
        // The Sentinel-2 windows are usually in first (read ahead): they are masked and the tiles' Sentinel-2 arrays deflated
        // while the Sentinel-1 windows are still being read.
        var scl = plan.Scl as byte[] ?? plan.Scl.ToArray();
        var writer = new TileWriter(env.OutDir, env.Options);
        var s2Ahead = MaskAndDeflateAheadAsync(s2Tasks, scl, writer, plan.AoiGrid, cancellationToken);
        await Task.WhenAll(Task.WhenAll(s2Tasks.SelectMany(t => t).Cast<Task>().Concat(s1Tasks.SelectMany(t => t))), s2Ahead);
        var (s2Arrays, deflated) = await s2Ahead;
        var s2Reads = s2Tasks.SelectMany(t => t).Select(t => t.Result).ToArray();
        var s1Reads = s1Tasks.SelectMany(t => t).Select(t => t.Result).ToArray();
        var cost = RowCost.Current;
        var bytes = cost?.Bytes ?? plan.PlanBytes + plan.ProbeBytes + s2Reads.Sum(r => r.Bytes) + s1Reads.Sum(r => r.Bytes);
        var requests = cost?.Requests ?? plan.PlanRequests + plan.ProbeRequests + s2Reads.Sum(r => r.Requests) + s1Reads.Sum(r => r.Requests);
        var s1Bands = s1Tasks.Select(t => MosaicMerge.Merge(t.Select(r => r.Result.Value).ToArray())).ToArray();

        // Which tiles are written is known before any is: the quicklook (which marks the rejected ones) is drawn meanwhile.
        cancellationToken.ThrowIfCancellationRequested();
        var bands = new BandSet(s1Bands[0], s1Bands[1], s2Arrays, scl) { S2Bands = env.Options.Bands };
        var selection = writer.Select(bands, plan.AoiGrid);
        if (selection.Written.Count == 0)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_valid_tiles",
                string.Create(CultureInfo.InvariantCulture, $"no tile of {plan.S2.Id} reaches the valid fraction {selection.MinValid} ({selection.Rejected} rejected)"));
        }

        var tileContext = new TileContext(
            plan.Row, plan.AoiGrid, plan.S2Item, plan.S1Item, plan.S1.DeltaDays, plan.RadiometryName, plan.S2.AoiClearFraction, env.ToolVersion, grdConstant is null ? "rtc" : "grd", grdConstant)
        {
            S2ItemIds = plan.S2Items?.Select(i => i.Id).ToList(),
            S1ItemIds = plan.S1Items?.Select(i => i.Id).ToList(),
            S2Bands = [.. env.Options.Bands.Select(b => TileBand.Of(b, plan.Reads.First(r => r.Band == b.Name)))],
            Timestep = plan.Part,
        };
        var quicklook = env.Quicklooks && bands.HasS2(QuicklookInput.BandNames)
            ? Task.Run(() => WriteQuicklook(plan, bands, selection), CancellationToken.None)
            : Task.CompletedTask;
        (IReadOnlyList<TileRecord> Tiles, IReadOnlyDictionary<string, int> Rejected) written;
        try
        {
            written = writer.WriteAll(bands, tileContext, selection, deflated, cancellationToken);
        }
        catch
        {
            // The tiles' failure is the row's; the quicklook is not left running past it.
            await quicklook.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        await quicklook;
        var (tiles, rejected) = written;

        if (plan.Part is not null)
        {
            CrashPoint.Hit(CrashPoint.TimestepWritten);
        }

        var decisions = Decisions(plan, _planner.S2Bands[0]);
        decisions["tiles_written"] = tiles.Count;
        decisions["tiles_rejected"] = rejected.Values.Sum();
        decisions["bytes_read"] = bytes;
        decisions["requests"] = requests;
        return new RowResult
        {
            Tiles = tiles,
            TilesRejected = rejected.Values.Sum(),
            RejectedByReason = rejected,
            DecisionsJson = decisions.ToJsonString(),
            BytesRead = bytes,
            Requests = requests,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// The window of one planned read: the read-ahead's when the plan kept one for its band (started while the SCL was
    /// checked), else a read of the asset within its <see cref="ReadBudget"/>.
    /// </summary>
    private Task<AssetReadResult<float[]>> ReadWindow(RowPlan plan, AssetReader reader, AssetReadPlan read, Func<GdalDataset, float[]> window, CancellationToken cancellationToken) =>
        plan.ReadAhead?.GetValueOrDefault(read.Band) is { } ahead
            ? ahead
            : reader.ReadAsync(AssetOf(read), (ds, _) => window(ds), ReadBudget.BytesFor(read.Estimate, env.Options.MaxReadBudgetFactor), cancellationToken);

    /// <summary>
    /// Merges and masks the Sentinel-2 windows as they come in (SCL-invalid pixels become NaN in every band), then deflates
    /// the first tiles' Sentinel-2 arrays ahead (<see cref="TileWriter.DeflateAhead"/>) on the thread pool.
    /// </summary>
    private async Task<(float[][] Arrays, TileEntriesAhead Deflated)> MaskAndDeflateAheadAsync(
        Task<AssetReadResult<float[]>>[][] s2Tasks, byte[] scl, TileWriter writer, Grid.AoiGrid grid, CancellationToken cancellationToken)
    {
        await Task.WhenAll(s2Tasks.SelectMany(t => t));
        var s2Arrays = s2Tasks.Select(t => MosaicMerge.Merge(t.Select(r => r.Result.Value).ToArray())).ToArray();
        var invalid = env.Options.Selection.InvalidSclClasses.ToLookup();
        for (var i = 0; i < scl.Length; i++)
        {
            if (scl[i] > SclClassSet.MaxClass || invalid[scl[i]])
            {
                foreach (var band in s2Arrays)
                {
                    band[i] = float.NaN;
                }
            }
        }

        var deflated = await Task.Run(() => writer.DeflateAhead(s2Arrays, env.Options.Bands, grid, cancellationToken), cancellationToken);
        return (s2Arrays, deflated);
    }

    /// <summary>Writes the row's quicklook; a failure to write it is a warning, not the row's failure.</summary>
    private void WriteQuicklook(RowPlan plan, BandSet bands, TileSelection selection)
    {
        try
        {
            QuicklookRenderer.Render(QuicklookInput.FromBands(bands, plan.AoiGrid!, selection.Written), QuicklookFiles.PathFor(env.OutDir, plan.Row!.Id, plan.Timestep), AtomicRename.TempFolderOf(env.OutDir));
        }
        catch (QuicklookWriteException ex)
        {
            env.Log.Warning("Row {Id}: quicklook not written: {Message}", plan.Row!.Id, ex.Message);
        }
    }

    /// <summary>The decisions record kept in the journal (same shape as before the plan/execute split, plus the estimate); <c>s2.read</c> is the read method of <paramref name="firstS2Band"/>.</summary>
    private static JsonObject Decisions(RowPlan plan, string firstS2Band)
    {
        var read = (string band) => plan.Reads.First(r => r.Band == band).Method.ToString().ToLowerInvariant();
        return new JsonObject
        {
            ["row"] = plan.RowId,
            ["epsg"] = plan.Grid.Epsg,
            ["window"] = plan.Window,
            ["s2_candidates"] = new JsonArray(plan.S2Candidates.Select(Verdict).ToArray()),
            ["s1_candidates"] = new JsonArray(plan.S1Candidates.Select(Verdict).ToArray()),
            ["s2"] = new JsonObject
            {
                ["id"] = plan.S2.Id,
                ["datetime"] = plan.S2.Datetime.ToString("O", CultureInfo.InvariantCulture),
                ["cloud_cover"] = plan.S2.CloudCover,
                ["processing_baseline"] = plan.S2.ProcessingBaseline,
                ["aoi_clear_fraction"] = plan.S2.AoiClearFraction,
                ["offset_rule"] = plan.RadiometryName,
                ["read"] = read(firstS2Band),
                ["scl_read"] = read("SCL"),
                ["items"] = new JsonArray(ItemIds(plan.S2.ItemIds, plan.S2.Id)),
            },
            ["s1"] = new JsonObject
            {
                ["id"] = plan.S1.Id,
                ["datetime"] = plan.S1.Datetime.ToString("O", CultureInfo.InvariantCulture),
                ["delta_days"] = Math.Round(plan.S1.DeltaDays, 4),
                ["read"] = read(RowPlanner.S1Bands[0]),
                ["items"] = new JsonArray(ItemIds(plan.S1.ItemIds, plan.S1.Id)),
                ["transform"] = plan.Reads.First(r => r.Band == RowPlanner.S1Bands[0]).Transform,
            },
            ["plan_bytes"] = plan.PlanBytes,
            ["estimated_bytes"] = plan.EstimatedBytes,
        };
    }

    private static JsonNode[] ItemIds(IReadOnlyList<string> ids, string first) =>
        (ids.Count > 0 ? ids : [first]).Select(id => (JsonNode)JsonValue.Create(id)).ToArray();

    private static JsonNode Verdict(CandidateVerdict v) => new JsonObject
    {
        ["id"] = v.Id,
        ["verdict"] = v.Verdict,
        ["reason"] = v.Reason,
    };

    private static AssetRef AssetOf(AssetReadPlan read) =>
        read.Asset ?? throw new ArgumentException($"the read plan of {read.Band} of {read.ItemId} has no asset (it was deserialised, not planned)", nameof(read));
}
