using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Radiometry;
using Axion.TileBuilder.Selection;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// One location end to end: plan the grid, search and select scenes (SCL checks before any
/// band is read), pair Sentinel-1, read only the AOI windows, convert, mask, cut and write tiles.
/// </summary>
public sealed class RowProcessor(RowEnvironment env)
{
    private const int SearchLimit = 100;
    private const int MaxItemsPerSearch = 500;
    private static readonly string[] S2Bands = ["B02", "B03", "B04", "B08"];
    private static readonly string[] S2Keys = ["s2_b2", "s2_b3", "s2_b4", "s2_b8"];

    /// <summary>Processes one row; throws an <see cref="AxionException"/> when the row fails.</summary>
    public async Task<RowResult> ProcessAsync(LocationRow row, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = env.Options;
        var selection = options.Selection;
        var grid = AoiGridPlanner.Plan(row, options.TilesX, options.TilesY, options.TileSize, options.PixelSize);
        var target = new TargetGrid(grid.Epsg, grid.OriginX, grid.OriginY, grid.Width, grid.Height, grid.PixelSize);
        var window = DateWindow.Resolve(row, options.Start, options.End, env.Today, selection.DefaultWindowDays);
        var bbox = grid.BoundsLonLat();
        var decisions = new JsonObject
        {
            ["row"] = row.Id,
            ["epsg"] = grid.Epsg,
            ["window"] = window.ToString(),
        };
        var cost = new Cost();

        // 1. Sentinel-2 candidates, best first; cloud limit sent to the server and re-checked by the ranker.
        var s2Source = env.Profile.Sentinel2;
        var s2Items = await SearchAsync(
            env.Sentinel2Catalog,
            s2Source,
            bbox,
            window.StartUtc,
            window.EndExclusiveUtc,
            selection.MaxSceneCloud,
            cancellationToken);
        var s2Keys = s2Source.Assets.Values.ToArray();
        var ranking = S2CandidateRanker.Rank(
            s2Items.Values.Select(i => StacMapping.ToCandidate(i, s2Source.Collection, s2Keys)),
            selection,
            grid,
            window);
        var s2Decisions = new JsonArray();
        decisions["s2_candidates"] = s2Decisions;
        foreach (var d in ranking.Decisions.Where(d => !d.Accepted))
        {
            s2Decisions.Add(Decision(d.Id, "rejected", d.Reason));
        }

        if (ranking.Ranked.Count == 0)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_s2_candidates",
                $"no Sentinel-2 scene in {window} with cloud cover <= {selection.MaxSceneCloud.ToString(CultureInfo.InvariantCulture)}% covers the AOI "
                + $"({s2Items.Count} found, {ranking.Decisions.Count(d => !d.Accepted)} rejected)");
        }

        // 2. Cheap SCL checks on the best few: the chosen scene's SCL is kept for masking.
        StacItem? chosen = null;
        byte[]? scl = null;
        double clearFraction = 0;
        var sclMethod = ReadMethod.Aligned;
        foreach (var candidate in ranking.Ranked.Take(selection.MaxCandidatesToCheck))
        {
            var item = s2Items[candidate.Id];
            var asset = Asset(item, s2Source, "SCL");
            var read = await env.Sentinel2Reader.ReadAsync(
                asset,
                ds => GridReader.IsAligned(ds, target)
                    ? (GridReader.ReadAligned<byte>(ds, 1, target, 0), ReadMethod.Aligned)
                    : (GridReader.ReadWarped<byte>(ds, 1, target, "near", 0), ReadMethod.Warped),
                cancellationToken);
            cost.Add(read);
            var clear = ClearFraction.Compute(read.Value.Item1, selection.InvalidSclClasses);
            if (clear >= selection.MinClear)
            {
                chosen = item;
                scl = read.Value.Item1;
                sclMethod = read.Value.Item2;
                clearFraction = clear;
                s2Decisions.Add(Decision(item.Id, "chosen", Invariant($"AOI clear fraction {clear:F3} >= {selection.MinClear}")));
                break;
            }

            s2Decisions.Add(Decision(item.Id, "rejected", Invariant($"AOI clear fraction {clear:F3} < {selection.MinClear}")));
        }

        if (chosen is null || scl is null)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_clear_scene",
                Invariant($"none of the {Math.Min(ranking.Ranked.Count, selection.MaxCandidatesToCheck)} best Sentinel-2 scenes in {window} has an AOI clear fraction >= {selection.MinClear}"));
        }

        // 3. Pair Sentinel-1: nearest acquisition with VV and VH that covers the AOI.
        var s1Source = env.Profile.Sentinel1;
        var s1Items = await SearchAsync(
            env.Sentinel1Catalog,
            s1Source,
            bbox,
            chosen.Datetime - selection.S1MaxDelta,
            chosen.Datetime + selection.S1MaxDelta,
            null,
            cancellationToken);
        var s1Keys = s1Source.Assets.Values.ToArray();
        var pairing = S1Pairing.Choose(
            chosen.Datetime,
            s1Items.Values.Select(i => StacMapping.ToCandidate(i, s1Source.Collection, s1Keys)),
            selection.S1MaxDelta,
            grid);
        var s1Decisions = new JsonArray();
        decisions["s1_candidates"] = s1Decisions;
        foreach (var d in pairing.Decisions)
        {
            s1Decisions.Add(Decision(d.Id, d.Accepted ? (d.Id == pairing.Chosen?.Id ? "chosen" : "eligible") : "rejected", d.Reason));
        }

        if (pairing.Chosen is null)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_s1_pair",
                Invariant($"no Sentinel-1 acquisition with {string.Join('+', s1Keys)} covers the AOI within {selection.S1MaxDays} days of {chosen.Datetime:yyyy-MM-dd} ({s1Items.Count} found)"));
        }

        var s1 = s1Items[pairing.Chosen.Id];

        // 4. Radiometry rule for the chosen Sentinel-2 item.
        var reference = chosen.Assets[s2Source.Assets["B04"]];
        var rule = S2RadiometryResolver.Resolve(new S2RadiometryInput(
            FlavorOf(s2Source.Flavor),
            chosen.ProcessingBaseline,
            chosen.BoaOffsetApplied,
            reference.Scale,
            reference.Offset,
            chosen.Datetime));

        // 5. Read the AOI windows of the six bands in parallel on the dedicated I/O threads.
        var s2Tasks = S2Bands.Select(band => env.Sentinel2Reader.ReadAsync(
            Asset(chosen, s2Source, band),
            ds => ReadReflectance(ds, target, rule),
            cancellationToken)).ToArray();
        var s1Tasks = new[] { "vv", "vh" }.Select(pol => env.Sentinel1Reader.ReadAsync(
            Asset(s1, s1Source, pol),
            ds => ReadBackscatterDb(ds, target),
            cancellationToken)).ToArray();
        await Task.WhenAll(s2Tasks.Cast<Task>().Concat(s1Tasks));
        var s2 = s2Tasks.Select(t => t.Result).ToArray();
        var s1Bands = s1Tasks.Select(t => t.Result).ToArray();
        foreach (var r in s2)
        {
            cost.Add(r);
        }

        foreach (var r in s1Bands)
        {
            cost.Add(r);
        }

        // 6. Mask: SCL-invalid pixels become NaN in every Sentinel-2 band.
        var invalid = selection.InvalidSclClasses.ToLookup();
        var s2Arrays = s2.Select(r => r.Value.Values).ToArray();
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

        decisions["s2"] = new JsonObject
        {
            ["id"] = chosen.Id,
            ["datetime"] = chosen.Datetime.ToString("O", CultureInfo.InvariantCulture),
            ["cloud_cover"] = chosen.CloudCover,
            ["processing_baseline"] = chosen.ProcessingBaseline,
            ["aoi_clear_fraction"] = Math.Round(clearFraction, 4),
            ["offset_rule"] = rule.Name,
            ["read"] = s2[0].Value.Method.ToString().ToLowerInvariant(),
            ["scl_read"] = sclMethod.ToString().ToLowerInvariant(),
        };
        decisions["s1"] = new JsonObject
        {
            ["id"] = s1.Id,
            ["datetime"] = s1.Datetime.ToString("O", CultureInfo.InvariantCulture),
            ["delta_days"] = Math.Round(pairing.DeltaDays ?? 0, 4),
            ["read"] = s1Bands[0].Value.Method.ToString().ToLowerInvariant(),
        };

        // 7. Cut and write tiles.
        cancellationToken.ThrowIfCancellationRequested();
        var bands = new BandSet(s1Bands[0].Value.Values, s1Bands[1].Value.Values, s2Arrays, scl);
        var tileContext = new TileContext(row, grid, chosen, s1, pairing.DeltaDays ?? 0, rule.Name, clearFraction, env.ToolVersion);
        var writer = new TileWriter(env.OutDir, env.Options);
        var (tiles, rejected) = writer.WriteAll(bands, tileContext, cancellationToken);
        if (tiles.Count == 0)
        {
            throw new RowFailedException(
                FailureKind.NoData,
                "no_valid_tiles",
                Invariant($"no tile of {chosen.Id} reaches the valid fraction {selection.MinValid} ({rejected.Values.Sum()} rejected)"));
        }

        decisions["tiles_written"] = tiles.Count;
        decisions["tiles_rejected"] = rejected.Values.Sum();
        decisions["bytes_read"] = cost.Bytes;
        decisions["requests"] = cost.Requests;

        return new RowResult
        {
            Tiles = tiles,
            TilesRejected = rejected.Values.Sum(),
            RejectedByReason = rejected,
            DecisionsJson = decisions.ToJsonString(),
            BytesRead = cost.Bytes,
            Requests = cost.Requests,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    private static BandRead ReadReflectance(GdalDataset ds, TargetGrid target, S2RadiometryRule rule)
    {
        var aligned = GridReader.IsAligned(ds, target);
        var dn = aligned
            ? GridReader.ReadAligned<ushort>(ds, 1, target, 0)
            : GridReader.ReadWarped<ushort>(ds, 1, target, "bilinear", 0);
        var values = new float[dn.Length];
        rule.Apply(dn, values, 0);
        return new BandRead(values, aligned ? ReadMethod.Aligned : ReadMethod.Warped);
    }

    private static BandRead ReadBackscatterDb(GdalDataset ds, TargetGrid target)
    {
        var aligned = GridReader.IsAligned(ds, target);
        var nodata = ds.GetBand(1).NoDataValue ?? S1Radiometry.RtcNodata;
        var values = aligned
            ? GridReader.ReadAligned(ds, 1, target, (float)nodata)
            : GridReader.ReadWarped<float>(ds, 1, target, "bilinear", nodata);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] == (float)nodata ? float.NaN : S1Radiometry.LinearToDb(values[i]);
        }

        return new BandRead(values, aligned ? ReadMethod.Aligned : ReadMethod.Warped);
    }

    private static async Task<Dictionary<string, StacItem>> SearchAsync(
        StacClient client,
        SourceProfile source,
        Geo.GeoBounds bbox,
        DateTimeOffset start,
        DateTimeOffset end,
        double? maxCloud,
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
        var items = new Dictionary<string, StacItem>(StringComparer.Ordinal);
        await foreach (var item in client.SearchAsync(request, cancellationToken))
        {
            items.TryAdd(item.Id, item);
            if (items.Count >= MaxItemsPerSearch)
            {
                break;
            }
        }

        return items;
    }

    private static AssetRef Asset(StacItem item, SourceProfile source, string band)
    {
        var key = source.Assets[band];
        if (!item.Assets.TryGetValue(key, out var asset))
        {
            throw new RowFailedException(FailureKind.Permanent, "missing_asset", $"item {item.Id} has no asset '{key}' ({band})");
        }

        var uri = HrefPolicy.Validate(item, asset, source.ExtraAllowedSchemes.ToArray());
        return new AssetRef(item.Id, key, uri, item.Collection ?? source.Collection);
    }

    private static S2CollectionFlavor FlavorOf(string flavor) => flavor switch
    {
        "planetary-computer" => S2CollectionFlavor.PlanetaryComputer,
        "earth-search-l2a" => S2CollectionFlavor.EarthSearchL2A,
        "earth-search-c1" => S2CollectionFlavor.EarthSearchC1,
        _ => S2CollectionFlavor.Generic,
    };

    private static JsonObject Decision(string id, string verdict, string reason) => new()
    {
        ["id"] = id,
        ["verdict"] = verdict,
        ["reason"] = reason,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Cost
    {
        public long Bytes { get; private set; }

        public long Requests { get; private set; }

        public void Add<T>(AssetReadResult<T> read)
        {
            Bytes += read.Bytes;
            Requests += read.Requests;
        }
    }
}

/// <summary>A band read onto the AOI grid.</summary>
internal sealed record BandRead(float[] Values, ReadMethod Method);
