using System.Globalization;
using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Mosaics;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Radiometry;
using Axion.TileBuilder.Selection;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// The plan phase of a row: grid, date window, Sentinel-2 search and ranking, the SCL checks of the
/// best candidates (the chosen SCL is kept for masking), Sentinel-1 search and pairing, the radiometric
/// rule, and the read plan of every band asset from its COG header. Reads no band pixels.
/// </summary>
public sealed class RowPlanner(RowEnvironment env)
{
    /// <summary>Sentinel-2 bands read by the build, in tile order (<c>--bands</c>; default B02, B03, B04, B08).</summary>
    public IReadOnlyList<string> S2Bands { get; } = [.. env.Options.Bands.Select(b => b.Name)];

    /// <summary>The build options the rows are planned with.</summary>
    public Options.BuildOptions Options => env.Options;

    /// <summary>Sentinel-1 polarisations read by the build, in tile order.</summary>
    public static readonly IReadOnlyList<string> S1Bands = ["vv", "vh"];

    private const int SearchLimit = 100;
    private const int MaxItemsPerSearch = 500;

    /// <summary>Plans one row; throws an <see cref="AxionException"/> (e.g. <see cref="RowFailedException"/>) when the row cannot be built.</summary>
    public async Task<RowPlan> PlanAsync(LocationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var area = RowArea.Of(row, env);
        return await WithAheadAsync(
            ahead =>
            {
                // The Sentinel-1 search (the whole window widened by the pairing limit) runs alongside the Sentinel-2 one.
                var s1Search = Observed(SearchS1Async(area, MaxItemsPerSearch, ahead));
                var s2Search = SearchS2Async(area, MaxItemsPerSearch, cancellationToken);
                return PlanWindowAsync(area, area.Window, null, s2Search, s1Search, ahead, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="plan"/> with a token for work that only pays off on the likely path (the best scene's probes,
    /// the Sentinel-1 pair found early): it runs alongside the critical path and is cancelled when the plan ends.
    /// </summary>
    private static async Task<RowPlan> WithAheadAsync(Func<CancellationToken, Task<RowPlan>> plan, CancellationToken cancellationToken)
    {
        using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            return await plan(ahead.Token);
        }
        finally
        {
            await ahead.CancelAsync();
        }
    }

    /// <summary>
    /// Starts the plans of every timestep of a row (<c>--timesteps</c> above 1): the row's date window cut into equal parts
    /// (<see cref="DateWindow.Split"/>), each planned like a row of its own (ranking, SCL checks, Sentinel-1 pairing, header
    /// probes) on one Sentinel-2 and one Sentinel-1 search of the whole window, all parts at the same time. A part that has
    /// no usable scene faults its task with a <see cref="RowFailedException"/> of kind <see cref="FailureKind.NoData"/>.
    /// </summary>
    /// <exception cref="DateWindowException">The window has fewer days than timesteps.</exception>
    public IReadOnlyList<TimestepPlanTask> PlanTimesteps(LocationRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var area = RowArea.Of(row, env);
        var count = env.Options.Timesteps;
        var parts = area.Window.Split(count, row.Id);

        // One search per collection for the whole window (not one per part: the catalog's request cap is the batch's pace),
        // with room for the items of every part.
        var searches = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var s1Search = Observed(SearchS1Async(area, MaxItemsPerSearch * count, searches.Token));
        var s2Search = Observed(SearchS2Async(area, MaxItemsPerSearch * count, searches.Token));
        var tasks = parts.Select((window, k) =>
        {
            var part = new TimestepPart(k, count, window);
            return new TimestepPlanTask(part, Observed(PlanPartAsync(area, part, s2Search, s1Search, cancellationToken)));
        }).ToList();
        _ = Task.WhenAll(tasks.Select(t => t.Plan)).ContinueWith(
            _ =>
            {
                searches.Cancel();
                searches.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return tasks;
    }

    private Task<RowPlan> PlanPartAsync(RowArea area, TimestepPart part, Task<SearchHarvest> s2Search, Task<SearchHarvest> s1Search, CancellationToken cancellationToken) =>
        WithAheadAsync(
            async ahead =>
            {
                var s2InPart = (await s2Search).Within(item => part.Window.Contains(item.Datetime));
                return await PlanWindowAsync(area, part.Window, part, Task.FromResult(s2InPart), s1Search, ahead, cancellationToken);
            },
            cancellationToken);

    private async Task<RowPlan> PlanWindowAsync(
        RowArea area,
        DateWindow window,
        TimestepPart? part,
        Task<SearchHarvest> s2SearchTask,
        Task<SearchHarvest> s1Search,
        CancellationToken ahead,
        CancellationToken cancellationToken)
    {
        var (row, grid, target, _, _) = area;
        var selection = env.Options.Selection;

        // 1. Sentinel-2 candidates, best first; cloud limit sent to the server and re-checked by the ranker.
        var s2Source = env.Profile.Sentinel2;
        var s1Source = env.Profile.Sentinel1;
        var s2Search = await s2SearchTask;
        var s2Items = s2Search.Items;
        var s2Keys = S2AssetRoles.KeysFor(s2Source, env.Options.Bands, env.Profile.Name);
        var s2Candidates = s2Items.Values.Select(i => StacMapping.ToCandidate(i, s2Source.Collection, s2Keys)).ToList();
        var ranking = S2CandidateRanker.Rank(s2Candidates, selection, grid, window);

        // Items of one pass that cover the AOI only together become mosaics, ranked with the single items.
        var extent = AoiExtent.FromGrid(grid);
        var samples = AcquisitionGrouper.Samples(grid);
        var s2Mosaics = AcquisitionGrouper.Mosaics(
            s2Candidates.Where(c => window.Contains(c.Datetime) && c.CloudCover is { } cloud && double.IsFinite(cloud) && cloud <= selection.MaxSceneCloud
                && c.HasAllAssets && Coverage.Problem(c, extent) is not null).DistinctBy(c => c.Id, StringComparer.Ordinal),
            samples);
        var acquisitions = AcquisitionGrouper.OrderByCloud(ranking.Ranked.Select(Acquisition.Single).Concat(s2Mosaics), window.Center);
        var inMosaic = s2Mosaics.SelectMany(m => m.Ids).ToHashSet(StringComparer.Ordinal);
        var s2Verdicts = RankingVerdicts(s2Search, ranking, inMosaic);
        LogUnusable(row, "Sentinel-2", s2Verdicts);
        if (acquisitions.Count == 0)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_s2_candidates",
                $"no Sentinel-2 scene in {window} with cloud cover <= {selection.MaxSceneCloud.ToString(CultureInfo.InvariantCulture)}% covers the AOI "
                + $"({s2Items.Count} found, {ranking.Decisions.Count(d => !d.Accepted)} rejected{Unusable(s2Search, s2Verdicts)}{Cut(s2Search)})");
        }

        // 2. Cheap SCL checks on the best few (all items of a mosaic, merged): the chosen scene's SCL is kept for masking.
        //    The band headers of the best acquisition, and of its Sentinel-1 pair, are read meanwhile: it is usually the one
        //    chosen. In a build, when it is one item with a low scene cloud, its band windows are read too (ReadAhead).
        var best = acquisitions[0];
        var readAhead = ReadAhead.For(env, best, s2Items, s2Source, S2Bands, cancellationToken, ahead);
        var bestProbes = ProbeS2(best, s2Items, s2Source, target, ahead, readAhead);
        var bestS1 = Observed(PairAndProbeS1Async(s1Search, s2Items[best.Items[0].Id], extent, samples, grid, target, ahead));
        Acquisition? chosenS2 = null;
        byte[]? scl = null;
        List<AssetReadPlan> sclPlans = [];
        double clearFraction = 0;
        long planBytes = 0, planRequests = 0;
        var readAheadWaste = new Dictionary<string, long>(StringComparer.Ordinal);

        // The headers (in a build perhaps the windows) read for an acquisition that was not chosen: their bytes still count.
        // A plan estimates the windows a build would have read ahead (the best acquisition's, when ReadAhead applies to it).
        async Task CountWastedAsync(Task<AssetReadResult<AssetReadPlan>>[]? reads, bool windowsReadAhead)
        {
            foreach (var wasted in await Settled(reads))
            {
                planBytes += wasted.Bytes;
                planRequests += wasted.Requests;
                if (windowsReadAhead && readAhead is null && ReadAhead.Applies(env.Options, best))
                {
                    readAheadWaste[wasted.Value.Band] = readAheadWaste.GetValueOrDefault(wasted.Value.Band) + wasted.Value.Estimate.BlockBytes;
                }
            }
        }
        foreach (var acquisition in acquisitions.Take(selection.MaxCandidatesToCheck))
        {
            var layers = new List<byte[]>(acquisition.Items.Count);
            var plans = new List<AssetReadPlan>(acquisition.Items.Count);
            foreach (var member in acquisition.Items)
            {
                var asset = Asset(s2Items[member.Id], s2Source, "SCL");
                var read = await env.Sentinel2Reader.ReadAsync(
                    asset,
                    (ds, meter) =>
                    {
                        var plan = AssetProbe.Inspect(ds, target, asset, "SCL", "near", env.Options.AllowNonCog);
                        meter.BudgetBytes = ReadBudget.BytesFor(plan.Estimate, env.Options.MaxReadBudgetFactor);
                        var values = plan.Method == ReadMethod.Aligned
                            ? GridReader.ReadAligned<byte>(ds, 1, target, 0)
                            : GridReader.ReadWarped<byte>(ds, 1, target, "near", 0);
                        return (Values: values, Plan: plan);
                    },
                    null,
                    cancellationToken);
                planBytes += read.Bytes;
                planRequests += read.Requests;
                layers.Add(read.Value.Values);
                plans.Add(read.Value.Plan with { ReadInPlan = true });
            }

            var merged = MosaicMerge.Merge(layers, 0);
            var clear = ClearFraction.Compute(merged, selection.InvalidSclClasses);
            var mosaic = acquisition.IsMosaic
                ? Invariant($" (mosaic of {acquisition.Items.Count} items of one pass, merged SCL: {string.Join(" + ", acquisition.Ids)})")
                : string.Empty;
            var accepted = clear >= selection.MinClear;
            foreach (var member in acquisition.Items)
            {
                s2Verdicts.Add(accepted
                    ? new CandidateVerdict(member.Id, "chosen", Invariant($"AOI clear fraction {clear:F3} >= {selection.MinClear}{mosaic}"))
                    : new CandidateVerdict(member.Id, "rejected", Invariant($"AOI clear fraction {clear:F3} < {selection.MinClear}{mosaic}")));
            }

            if (accepted)
            {
                chosenS2 = acquisition;
                scl = merged;
                sclPlans = plans;
                clearFraction = clear;
                break;
            }
        }

        if (chosenS2 is null || scl is null)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_clear_scene",
                Invariant($"none of the {Math.Min(acquisitions.Count, selection.MaxCandidatesToCheck)} best Sentinel-2 scenes in {window} has an AOI clear fraction >= {selection.MinClear}"));
        }

        var s2Members = chosenS2.Items.Select(m => s2Items[m.Id]).ToList();
        var chosen = s2Members[0];

        // 3. Pair Sentinel-1: nearest acquisition with VV and VH that covers the AOI (one item, or frames of one pass),
        //    among the items within the pairing limit of the chosen date. The best acquisition's pair was found and its
        //    headers probed during the SCL checks: they serve when the chosen date pairs with it too, the usual case.
        var (bestPair, bestS1Probes) = await bestS1;
        var pair = ReferenceEquals(chosenS2, best) ? bestPair : PairS1(await s1Search, chosen, extent, samples, grid);
        Task<AssetReadResult<AssetReadPlan>>[]? s1Probes = null;
        if (SameItems(pair.Choice, bestPair.Choice))
        {
            s1Probes = bestS1Probes;
        }
        else
        {
            await CountWastedAsync(bestS1Probes, windowsReadAhead: false);
        }

        var (s1Items, s1Choice, s1Verdicts, s1Unusable) = pair;
        LogUnusable(row, "Sentinel-1", s1Verdicts);
        if (s1Choice is null)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_s1_pair",
                Invariant($"no Sentinel-1 acquisition with {string.Join('+', s1Source.Assets.Values)} covers the AOI within {selection.S1MaxDays} days of {chosen.Datetime:yyyy-MM-dd} ({s1Items.Count} found{s1Unusable})"));
        }

        var s1Members = s1Choice.Items.Select(m => s1Items[m.Id]).ToList();
        var s1 = s1Members[0];

        // 4. Radiometry rule of every Sentinel-2 item read (a mosaic's items each keep their own).
        var rule = S2RadiometryChoice.For(chosen, s2Source, S2Bands);
        var itemRules = s2Members.Count > 1
            ? s2Members.DistinctBy(i => i.Id, StringComparer.Ordinal).ToDictionary(i => i.Id, i => S2RadiometryChoice.For(i, s2Source, S2Bands), StringComparer.Ordinal)
            : null;

        // 5. Read plan of every band asset from its COG header (headers only, in parallel on the I/O threads).
        // Mosaics: every item of the acquisition per band, in merge order.
        s1Probes ??= [.. S1Bands.SelectMany(pol => s1Members.Select(item => Probe(env.Sentinel1Reader, Asset(item, s1Source, pol), target, pol, cancellationToken)))];
        AssetReadResult<AssetReadPlan>[] s2Probed;
        IReadOnlyDictionary<string, Task<AssetReadResult<float[]>>>? windowsAhead = null;
        if (ReferenceEquals(chosenS2, best) && readAhead is not null)
        {
            // Only the headers: the windows are still being read, and the build awaits them (their bytes come with them).
            s2Probed = [.. (await Task.WhenAll(readAhead.Plans)).Select(p => new AssetReadResult<AssetReadPlan>(p with { ReadInPlan = true }, 0, 0, 1))];
            windowsAhead = readAhead.Keep();
        }
        else if (ReferenceEquals(chosenS2, best) && bestProbes is not null)
        {
            s2Probed = await Task.WhenAll(bestProbes);
        }
        else
        {
            await CountWastedAsync(bestProbes, windowsReadAhead: true);

            s2Probed = await Task.WhenAll(ProbeS2(chosenS2, s2Items, s2Source, target, cancellationToken)!);
        }

        var probed = s2Probed.Concat(await Task.WhenAll(s1Probes)).ToArray();

        return new RowPlan
        {
            RowId = row.Id,
            Grid = target,
            TilesX = grid.TilesX,
            TilesY = grid.TilesY,
            Window = window.ToString(),
            Part = part,
            S2Found = s2Items.Count,
            S2Candidates = s2Verdicts,
            S2 = new S2Choice
            {
                Id = chosen.Id,
                Datetime = chosen.Datetime,
                CloudCover = chosen.CloudCover,
                ProcessingBaseline = chosen.ProcessingBaseline,
                AoiClearFraction = Math.Round(clearFraction, 4),
                ItemIds = chosenS2.Ids,
            },
            S1Found = s1Items.Count,
            S1Candidates = s1Verdicts,
            S1 = new S1Choice(s1.Id, s1.Datetime, S1Pairing.DeltaDays(s1Choice.First, chosen.Datetime)) { ItemIds = s1Choice.Ids },
            Radiometry = rule,
            ItemRadiometry = itemRules,
            Reads = [.. sclPlans, .. probed.Select(p => p.Value)],
            PlanBytes = planBytes,
            PlanRequests = planRequests,
            ProbeBytes = probed.Sum(p => p.Bytes),
            ProbeRequests = probed.Sum(p => p.Requests),
            ReadAhead = windowsAhead,
            ReadAheadWasteByBand = readAheadWaste,
            Row = row,
            AoiGrid = grid,
            S2Item = chosen,
            S1Item = s1,
            S2Items = s2Members,
            S1Items = s1Members,
            Scl = scl,
        };
    }

    /// <summary>
    /// Header probes of every Sentinel-2 band of an acquisition (band-major, merge order); null when an asset is missing
    /// or refused (the regular path reports that if this acquisition is chosen). With <paramref name="readAhead"/>, each
    /// probe also reads and converts its band's window into it, in the same open.
    /// </summary>
    private Task<AssetReadResult<AssetReadPlan>>[]? ProbeS2(
        Acquisition acquisition, IReadOnlyDictionary<string, StacItem> items, SourceProfile source, TargetGrid target, CancellationToken cancellationToken, ReadAhead? readAhead = null)
    {
        List<(AssetRef Asset, string Band)> assets;
        try
        {
            assets = [.. S2Bands.SelectMany(band => acquisition.Items.Select(member => (Asset(items[member.Id], source, band), band)))];
        }
        catch (Exception ex) when (ex is RowFailedException or UnsafeHrefException)
        {
            return null;
        }

        return [.. assets.Select(a => Observed(readAhead is null
            ? Probe(env.Sentinel2Reader, a.Asset, target, a.Band, cancellationToken)
            : readAhead.Start(a.Band, inspected => env.Sentinel2Reader.ReadAsync(
                a.Asset,
                (ds, meter) =>
                {
                    var plan = AssetProbe.Inspect(ds, target, a.Asset, a.Band, Resampling(a.Band), env.Options.AllowNonCog);
                    meter.BudgetBytes = ReadBudget.BytesFor(plan.Estimate, env.Options.MaxReadBudgetFactor);
                    inspected(plan);
                    return (plan, ReflectanceReader.Read(ds, target, readAhead.Rule, plan));
                },
                null,
                readAhead.Token))))];
    }

    /// <summary>
    /// True when two choices are the same items in the same order (null when none paired: never the same); not
    /// <see cref="AcquisitionGrouper.SameAcquisition"/>, which asks whether two items belong to one pass.
    /// </summary>
    private static bool SameItems(Acquisition? a, Acquisition? b) =>
        a is not null && b is not null && a.Ids.SequenceEqual(b.Ids, StringComparer.Ordinal);

    /// <summary>
    /// The Sentinel-1 pairing of one Sentinel-2 date (<see cref="PairS1"/>) and the header probes of the chosen acquisition's
    /// assets (polarisation-major, merge order), started as soon as the Sentinel-1 search is in; the probes are null when no
    /// acquisition pairs or an asset is missing or refused (the regular path reports that).
    /// </summary>
    private async Task<(S1Pair Pair, Task<AssetReadResult<AssetReadPlan>>[]? Probes)> PairAndProbeS1Async(
        Task<SearchHarvest> s1Search, StacItem s2, AoiExtent extent, IReadOnlyList<Geo.GeoPoint> samples, AoiGrid grid, TargetGrid target, CancellationToken cancellationToken)
    {
        var pair = PairS1(await s1Search, s2, extent, samples, grid);
        if (pair.Choice is null)
        {
            return (pair, null);
        }

        var s1Source = env.Profile.Sentinel1;
        List<(AssetRef Asset, string Band)> assets;
        try
        {
            assets = [.. S1Bands.SelectMany(pol => pair.Choice.Items.Select(member => (Asset(pair.Items[member.Id], s1Source, pol), pol)))];
        }
        catch (Exception ex) when (ex is RowFailedException or UnsafeHrefException)
        {
            return (pair, null);
        }

        return (pair, [.. assets.Select(a => Observed(Probe(env.Sentinel1Reader, a.Asset, target, a.Band, cancellationToken)))]);
    }

    /// <summary>
    /// Pairs Sentinel-1 with the date of <paramref name="s2"/>: the nearest acquisition with every polarisation that covers the
    /// AOI (one item, or frames of one pass) among the search's items within the pairing limit, and a verdict for each.
    /// </summary>
    private S1Pair PairS1(SearchHarvest s1Harvest, StacItem s2, AoiExtent extent, IReadOnlyList<Geo.GeoPoint> samples, AoiGrid grid)
    {
        var selection = env.Options.Selection;
        var s1Source = env.Profile.Sentinel1;
        var s1Items = s1Harvest.Items
            .Where(kv => (kv.Value.Datetime - s2.Datetime).Duration() <= selection.S1MaxDelta)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var s1Keys = s1Source.Assets.Values.ToArray();
        var s1Candidates = s1Items.Values.Select(i => StacMapping.ToCandidate(i, s1Source.Collection, s1Keys)).ToList();
        var pairing = S1Pairing.Choose(s2.Datetime, s1Candidates, selection.S1MaxDelta, grid);
        var s1Mosaics = AcquisitionGrouper.Mosaics(
            s1Candidates.Where(c => (c.Datetime - s2.Datetime).Duration() <= selection.S1MaxDelta && c.HasAllAssets && Coverage.Problem(c, extent) is not null)
                .DistinctBy(c => c.Id, StringComparer.Ordinal),
            samples);
        var s1Choice = pairing.Chosen is { } single ? Acquisition.Single(single) : null;
        var nearestMosaic = s1Mosaics
            .OrderBy(m => (m.Datetime - s2.Datetime).Duration())
            .ThenBy(m => m.First.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (nearestMosaic is not null && (s1Choice is null || (nearestMosaic.Datetime - s2.Datetime).Duration() < (s1Choice.Datetime - s2.Datetime).Duration()))
        {
            s1Choice = nearestMosaic;
        }

        var s1Chosen = (s1Choice?.Ids ?? []).ToHashSet(StringComparer.Ordinal);
        var s1InMosaic = s1Mosaics.SelectMany(m => m.Items.Select((item, i) => (item.Id, Mosaic: m, Coverage: m.Coverage[i])))
            .ToDictionary(x => x.Id, x => (x.Mosaic, x.Coverage), StringComparer.Ordinal);
        var s1Verdicts = s1Harvest.Dropped.Concat(pairing.Decisions
            .Select(d => s1InMosaic.TryGetValue(d.Id, out var part)
                ? new CandidateVerdict(
                    d.Id,
                    s1Chosen.Contains(d.Id) ? "chosen" : "eligible",
                    Invariant($"frame of one pass, covers {part.Coverage:F3} of the AOI; mosaic {string.Join(" + ", part.Mosaic.Ids)}: S1 - S2 = {S1Pairing.DeltaDays(part.Mosaic.First, s2.Datetime):+0.00;-0.00;0.00} days"))
                : d.Accepted
                    ? new CandidateVerdict(d.Id, s1Chosen.Contains(d.Id) ? "chosen" : "eligible", d.Reason)
                    : CandidateVerdict.Rejected(d.Id, d.Reason, s1Items.TryGetValue(d.Id, out var item) ? StacMapping.UnusableFields(item, withCloudCover: false) : [])))
            .ToList();
        return new S1Pair(s1Items, s1Choice, s1Verdicts, Unusable(s1Harvest, s1Verdicts));
    }

    /// <summary>The results of the probes that succeeded (failures of work that is no longer needed are ignored).</summary>
    private static async Task<IReadOnlyList<AssetReadResult<AssetReadPlan>>> Settled(Task<AssetReadResult<AssetReadPlan>>[]? probes)
    {
        if (probes is null)
        {
            return [];
        }

        try
        {
            await Task.WhenAll(probes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Ignored: see below.
        }

        return [.. probes.Where(p => p.IsCompletedSuccessfully).Select(p => p.Result)];
    }

    /// <summary>Marks a task's exception as observed, so work abandoned when a row fails early raises no unobserved-task event.</summary>
    private static Task<T> Observed<T>(Task<T> task)
    {
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private Task<AssetReadResult<AssetReadPlan>> Probe(AssetReader reader, AssetRef asset, TargetGrid target, string band, CancellationToken cancellationToken) =>
        reader.ReadAsync(asset, ds => AssetProbe.Inspect(ds, target, asset, band, Resampling(band), env.Options.AllowNonCog), cancellationToken);

    /// <summary>
    /// The gdalwarp <c>-r</c> of a band's read when it is not an exact copy: <c>--resampling</c> for 20 m and 60 m bands;
    /// bilinear for 10 m bands and Sentinel-1 (warped only across zones).
    /// </summary>
    private string Resampling(string band) =>
        SpectralBand.Find(band) is { IsResampled: true } ? env.Options.Resampling.GdalName() : "bilinear";

    /// <summary>The Sentinel-2 search of a row's window, with the scene-cloud limit.</summary>
    private Task<SearchHarvest> SearchS2Async(RowArea area, int maxItems, CancellationToken cancellationToken) => SearchAsync(
        area.Row.Id, env.Sentinel2Catalog, env.Profile.Sentinel2, area.Bbox, area.Window.StartUtc, area.Window.EndExclusiveUtc, env.Options.Selection.MaxSceneCloud, maxItems, cancellationToken);

    /// <summary>The Sentinel-1 search of a row's window widened by the pairing limit on both sides.</summary>
    private Task<SearchHarvest> SearchS1Async(RowArea area, int maxItems, CancellationToken cancellationToken)
    {
        var delta = env.Options.Selection.S1MaxDelta;
        return SearchAsync(area.Row.Id, env.Sentinel1Catalog, env.Profile.Sentinel1, area.Bbox, area.Window.StartUtc - delta, area.Window.EndExclusiveUtc + delta, null, maxItems, cancellationToken);
    }

    private async Task<SearchHarvest> SearchAsync(
        string rowId,
        StacClient client,
        SourceProfile source,
        Geo.GeoBounds bbox,
        DateTimeOffset start,
        DateTimeOffset end,
        double? maxCloud,
        int maxItems,
        CancellationToken cancellationToken)
    {
        var request = new StacSearchRequest
        {
            Collections = [source.Collection],
            Bbox = [bbox.West, bbox.South, bbox.East, bbox.North],
            Limit = SearchLimit,
            MaxCloudCover = maxCloud,
            CloudFilter = maxCloud is null ? CloudFilterStyle.None : source.CloudFilter switch
            {
                "cql2" => CloudFilterStyle.Cql2,
                "none" => CloudFilterStyle.None,
                _ => CloudFilterStyle.Query,
            },
        }.WithInterval(start, end);
        var harvest = new SearchHarvest(maxItems);
        await foreach (var page in client.SearchPagesAsync(request, cancellationToken))
        {
            if (!harvest.Add(page))
            {
                break;
            }
        }

        if (harvest.Truncated)
        {
            env.Log.Warning(
                "Row {Id}: the {Collection} search {Start:yyyy-MM-dd}..{End:yyyy-MM-dd} stopped at {Max} items; later dates of the window may not have been seen",
                rowId,
                source.Collection,
                start,
                end.AddDays(-1),
                maxItems);
        }

        return harvest;
    }

    private static AssetRef Asset(StacItem item, SourceProfile source, string band)
    {
        if (!source.Assets.TryGetValue(band, out var key))
        {
            throw new RowFailedException(FailureKind.Permanent, "missing_asset", $"the catalog profile maps no asset for band {band} (item {item.Id})");
        }

        if (!item.Assets.TryGetValue(key, out var asset))
        {
            throw new RowFailedException(FailureKind.Permanent, "missing_asset", $"item {item.Id} has no asset '{key}' ({band})");
        }

        var uri = HrefPolicy.Validate(item, asset, source.ExtraAllowedSchemes.ToArray());
        return new AssetRef(item.Id, key, uri, item.Collection ?? source.Collection);
    }

    /// <summary>
    /// The Sentinel-2 verdicts known before the SCL checks: every dropped feature, then every candidate the ranker
    /// rejected (items of a mosaic excepted), its reason followed by the item's unusable fields.
    /// </summary>
    internal static List<CandidateVerdict> RankingVerdicts(SearchHarvest search, CandidateRanking ranking, IReadOnlySet<string> inMosaic) =>
    [
        .. search.Dropped,
        .. ranking.Decisions.Where(d => !d.Accepted && !inMosaic.Contains(d.Id))
            .Select(d => CandidateVerdict.Rejected(d.Id, d.Reason, search.Items.TryGetValue(d.Id, out var item) ? StacMapping.UnusableFields(item, withCloudCover: true) : [])),
    ];

    /// <summary>
    /// With <c>--verbose</c>: one debug line per item dropped as unusable or rejected with unusable fields, naming the row,
    /// the item and the reason.
    /// </summary>
    private void LogUnusable(LocationRow row, string source, IEnumerable<CandidateVerdict> verdicts)
    {
        foreach (var v in verdicts.Where(v => v.IsUnusable))
        {
            env.Log.Debug("Row {Id}: {Source} item {Item} {Verdict}: {Reason}", row.Id, source, v.Id, v.Verdict, v.Reason);
        }
    }

    /// <summary>"; the search stopped at N items ..." for a failure message when the search was cut short; empty otherwise.</summary>
    private static string Cut(SearchHarvest search) => search.Truncated
        ? Invariant($"; the search stopped at {search.MaxItems} items, so later dates of the window may not have been seen: narrow the window or lower --max-scene-cloud")
        : string.Empty;

    /// <summary>", K dropped as unusable, U with unusable fields" for a failure message; empty when there are none.</summary>
    private static string Unusable(SearchHarvest search, IEnumerable<CandidateVerdict> verdicts)
    {
        var withFields = verdicts.Count(v => v.Verdict != CandidateVerdict.Dropped && v.IsUnusable);
        return (search.Dropped.Count > 0 ? Invariant($", {search.Dropped.Count} dropped as unusable") : string.Empty)
            + (withFields > 0 ? Invariant($", {withFields} with unusable fields") : string.Empty);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where and when a row is planned: its AOI grid (Core's and the read target) and lon/lat box, and its whole date window.</summary>
    private sealed record RowArea(LocationRow Row, AoiGrid Grid, TargetGrid Target, DateWindow Window, Geo.GeoBounds Bbox)
    {
        public static RowArea Of(LocationRow row, RowEnvironment env)
        {
            var options = env.Options;
            var grid = AoiGridPlanner.Plan(row, options.TilesX, options.TilesY, options.TileSize, options.PixelSize);
            var target = new TargetGrid(grid.Epsg, grid.OriginX, grid.OriginY, grid.Width, grid.Height, grid.PixelSize);
            var window = DateWindow.Resolve(row, options.Start, options.End, env.Today, options.Selection.DefaultWindowDays);
            return new RowArea(row, grid, target, window, grid.BoundsLonLat());
        }
    }

    /// <summary>A Sentinel-1 pairing: the items within the limit, the chosen acquisition (null: none pairs), every verdict, and the "unusable" part of a failure message.</summary>
    private sealed record S1Pair(Dictionary<string, StacItem> Items, Acquisition? Choice, List<CandidateVerdict> Verdicts, string UnusableText);
}
