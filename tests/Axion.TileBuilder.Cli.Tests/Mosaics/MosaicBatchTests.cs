using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Cli.Tests.Mosaics;

/// <summary>
/// Tiles across an MGRS tile edge (two Sentinel-2 items and two Sentinel-1 frames of one pass merged), at a UTM
/// zone edge (scenes of the neighbouring zone warped onto the AOI grid), and both at once (two items of the neighbouring
/// zone, each warped, then merged), checked pixel by pixel against the ground truth.
/// </summary>
public sealed class MosaicBatchTests(MosaicBatchFixture batch) : IClassFixture<MosaicBatchFixture>
{
    private static readonly byte[] InvalidScl = [0, 1, 3, 8, 9, 10];
    private static readonly (string Key, S2Band Band)[] Bands = [("s2_b2", S2Band.B02), ("s2_b3", S2Band.B03), ("s2_b4", S2Band.B04), ("s2_b8", S2Band.B08)];

    [Fact]
    public void Every_row_is_built_with_every_tile()
    {
        Assert.True(batch.Build.ExitCode == 0, batch.Build.ToString());
        Assert.Equal(4, batch.TileFiles(MosaicBatchFixture.StraddleId).Count);
        Assert.Equal(4, batch.TileFiles(MosaicBatchFixture.ZoneEdgeId).Count);
        Assert.Equal(4, batch.TileFiles(MosaicBatchFixture.ZoneEdgeStraddleId).Count);

        // The index lists every merged item of each tile, merge order, as the tile's meta does.
        var index = Output.Index.TileIndexReader.ReadCsv(Path.Combine(batch.OutDir, "index.csv"));
        Assert.Equal(12, index.Count);
        foreach (var entry in index)
        {
            using var npz = NpzReader.Open(Path.Combine(batch.OutDir, entry.File));
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            Assert.Equal(Ids(meta.RootElement, "s2_items"), entry.S2ItemIds);
            Assert.Equal(Ids(meta.RootElement, "s1_items"), entry.S1ItemIds);
            Assert.Equal(MosaicBatchFixture.IsMosaic(entry.RowId) ? 2 : 1, entry.S2ItemIds!.Count);
            Assert.Equal(entry.S2ItemIds[0], entry.S2ItemId);
        }
    }

    [Fact]
    public void Plan_reads_every_merged_item_and_estimates_the_build_within_ten_percent()
    {
        Assert.True(batch.Plan.ExitCode == 0, batch.Plan.ToString());
        Assert.True(batch.Build.ExitCode == 0, batch.Build.ToString());
        using var plan = JsonDocument.Parse(batch.Plan.Stdout);
        using var journal = BatchJournal.Open(batch.OutDir, create: false);
        var done = journal.List(RowState.Done).ToDictionary(r => r.RowId, StringComparer.Ordinal);
        foreach (var row in plan.RootElement.GetProperty("rows").EnumerateArray())
        {
            var id = row.GetProperty("id").GetString()!;
            var s2Ids = row.GetProperty("s2_ids").EnumerateArray().Select(v => v.GetString()!).ToArray();
            var s1Ids = row.GetProperty("s1_ids").EnumerateArray().Select(v => v.GetString()!).ToArray();
            var items = MosaicBatchFixture.IsMosaic(id) ? 2 : 1;
            Assert.Equal(items, s2Ids.Length);
            Assert.Equal(items, s1Ids.Length);

            // One read per asset and item, merge order within each band; the plan's choices are the build's.
            var reads = row.GetProperty("plan").GetProperty("reads").EnumerateArray()
                .Select(r => (Band: r.GetProperty("band").GetString()!, Item: r.GetProperty("item_id").GetString()!, Method: r.GetProperty("method").GetString()!))
                .ToList();
            string[] assets = ["SCL", "B02", "B03", "B04", "B08", "vv", "vh"];
            Assert.Equal(assets.SelectMany(a => Enumerable.Repeat(a, items)), reads.Select(r => r.Band));
            Assert.Equal(assets.SelectMany(a => a.StartsWith('v') ? s1Ids : s2Ids), reads.Select(r => r.Item));
            Assert.All(reads, r => Assert.Equal(MosaicBatchFixture.IsWarped(id) ? "warped" : "aligned", r.Method));

            // A mosaic lists the rule of each Sentinel-2 item (here one per side of the 04.00 offset change); a single item has none.
            if (items > 1)
            {
                var rules = row.GetProperty("plan").GetProperty("item_radiometry").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("name").GetString()!);
                Assert.Equal(s2Ids.Order(StringComparer.Ordinal), rules.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(2, rules.Values.Distinct(StringComparer.Ordinal).Count());
            }
            else
            {
                Assert.False(row.GetProperty("plan").TryGetProperty("item_radiometry", out _));
            }
            var tile = batch.TileFiles(id)[0];
            using var npz = NpzReader.Open(tile);
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            Assert.Equal(s2Ids, Ids(meta.RootElement, "s2_items"));
            Assert.Equal(s1Ids, Ids(meta.RootElement, "s1_items"));

            var estimate = row.GetProperty("build_bytes").GetInt64();
            var built = done[id].Outcome!.BytesRead;
            var error = Math.Abs((double)estimate - built) / built;
            Assert.True(error <= 0.10, $"{id}: plan estimate {estimate} vs build {built} bytes ({error:P1} off); plan: plan_bytes {row.GetProperty("plan").GetProperty("plan_bytes")} probe_bytes {row.GetProperty("plan").GetProperty("probe_bytes")} candidates {row.GetProperty("plan").GetProperty("s2_candidates")}; build: {done[id].Outcome!.ItemsJson}");
        }
    }

    [Fact]
    public void Straddling_tiles_merge_both_items_of_the_pass_and_match_the_ground_truth_across_the_seam()
    {
        var files = batch.TileFiles(MosaicBatchFixture.StraddleId);
        Assert.Equal(4, files.Count);
        var scenes = batch.World.Scenes.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var s2From = new int[2];
        var s1From = new int[2];
        int s2SeamPixels = 0, s1SeamPixels = 0, compared = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            using var npz = NpzReader.Open(file);
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            var m = meta.RootElement;
            var s2 = Ids(m, "s2_items").Select(id => scenes[id]).ToArray();
            var s1 = Ids(m, "s1_items").Select(id => scenes[id]).ToArray();

            // Two items of one pass: same datetime and orbit, neighbouring MGRS tiles; two frames of one Sentinel-1 pass.
            Assert.Equal(2, s2.Length);
            Assert.Equal(s2[0].Datetime, s2[1].Datetime);
            Assert.Equal(s2[0].RelativeOrbit, s2[1].RelativeOrbit);
            Assert.NotEqual(s2[0].MgrsTile, s2[1].MgrsTile);
            Assert.Equal(s2[0].Id, m.GetProperty("s2_item").GetString());
            Assert.Equal(2, s1.Length);
            Assert.Equal(s1[0].RelativeOrbit, s1[1].RelativeOrbit);
            Assert.Equal(s1[0].OrbitState, s1[1].OrbitState);
            Assert.InRange((s1[0].Datetime - s1[1].Datetime).Duration().TotalSeconds, 1, 60);
            Assert.Equal(s2[0].Epsg.ToString(CultureInfo.InvariantCulture), m.GetProperty("crs").GetString()!["EPSG:".Length..]);

            var gt = GeoTransform(m);
            // The two items differ in baseline (one with the -1000 DN offset, one without): each pixel is converted with
            // the rule of the item it came from, and meta names both rules.
            var offsets = s2.Select(OffsetDn).ToArray();
            Assert.NotEqual(offsets[0], offsets[1]);
            Assert.Equal(2, m.GetProperty("offset_rule").GetString()!.Split(" + ").Length);
            var (bands, scl, vv) = Arrays(npz);
            var vh = npz.Get("s1_vh").AsFloat32();
            for (var r = 0; r < 256; r++)
            {
                for (var c = 0; c < 256; c++)
                {
                    var i = (r * 256) + c;
                    var (x, y) = (gt[0] + ((c + 0.5) * gt[1]), gt[3] + ((r + 0.5) * gt[5]));

                    // SCL: the first item (merge order) with data under the pixel; never a hole.
                    var sclFrom = First(s2, s => SceneTruth.Scl(s, Pixel(s, x, y, 20).Col, Pixel(s, x, y, 20).Row) != 0);
                    Assert.True(sclFrom >= 0, $"{name} ({r},{c}): no Sentinel-2 item has SCL data here");
                    var expectedScl = SceneTruth.Scl(s2[sclFrom], Pixel(s2[sclFrom], x, y, 20).Col, Pixel(s2[sclFrom], x, y, 20).Row);
                    Assert.True(expectedScl == scl[i], $"{name} ({r},{c}) SCL {scl[i]} vs ground truth {expectedScl} of item {sclFrom}");

                    var bandFrom = First(s2, s => SceneTruth.S2Dn(s, S2Band.B04, Pixel(s, x, y, 10).Col, Pixel(s, x, y, 10).Row) != 0);
                    Assert.True(bandFrom >= 0, $"{name} ({r},{c}): no Sentinel-2 item has band data here");
                    s2From[bandFrom]++;
                    if (bandFrom > 0 && HasNeighbour(x, y, gt[1], p => SceneTruth.S2Dn(s2[0], S2Band.B04, Pixel(s2[0], p.X, p.Y, 10).Col, Pixel(s2[0], p.X, p.Y, 10).Row) != 0))
                    {
                        s2SeamPixels++;
                    }

                    var invalid = Array.IndexOf(InvalidScl, scl[i]) >= 0;
                    for (var b = 0; b < Bands.Length; b++)
                    {
                        if (invalid)
                        {
                            Assert.True(float.IsNaN(bands[b][i]), $"{name} ({r},{c}) {Bands[b].Key}: SCL {scl[i]} must be NaN");
                            continue;
                        }

                        var (col, row) = Pixel(s2[bandFrom], x, y, 10);
                        var expected = (SceneTruth.S2Dn(s2[bandFrom], Bands[b].Band, col, row) - offsets[bandFrom]) / 10000.0;
                        Assert.True(Math.Abs(bands[b][i] - expected) < 1e-6, $"{name} ({r},{c}) {Bands[b].Key}: {bands[b][i]} vs ground truth {expected} of item {bandFrom}");
                    }

                    // Sentinel-1: the first frame with data; never a hole.
                    var frame = First(s1, s => SceneTruth.S1Linear(s, S1Polarization.VV, Pixel(s, x, y, 10).Col, Pixel(s, x, y, 10).Row) != (float)WorldFiles.S1NoData);
                    Assert.True(frame >= 0, $"{name} ({r},{c}): no Sentinel-1 frame has data here");
                    s1From[frame]++;
                    if (frame > 0 && HasNeighbour(x, y, gt[1], p => SceneTruth.S1Linear(s1[0], S1Polarization.VV, Pixel(s1[0], p.X, p.Y, 10).Col, Pixel(s1[0], p.X, p.Y, 10).Row) != (float)WorldFiles.S1NoData))
                    {
                        s1SeamPixels++;
                    }

                    var (c1, r1) = Pixel(s1[frame], x, y, 10);
                    var expectedVv = 10 * Math.Log10(SceneTruth.S1Linear(s1[frame], S1Polarization.VV, c1, r1));
                    var expectedVh = 10 * Math.Log10(SceneTruth.S1Linear(s1[frame], S1Polarization.VH, c1, r1));
                    Assert.True(Math.Abs(vv[i] - expectedVv) < 1e-4, $"{name} ({r},{c}) s1_vv {vv[i]} vs {expectedVv} of frame {frame}");
                    Assert.True(Math.Abs(vh[i] - expectedVh) < 1e-4, $"{name} ({r},{c}) s1_vh {vh[i]} vs {expectedVh} of frame {frame}");
                    compared++;
                }
            }
        }

        // Both items and both frames fill part of the AOI, and the pixels either side of each seam were compared.
        Assert.Equal(4 * 256 * 256, compared);
        Assert.True(s2From[0] > 0 && s2From[1] > 0, $"Sentinel-2 pixels per item: {s2From[0]} + {s2From[1]}");
        Assert.True(s1From[0] > 0 && s1From[1] > 0, $"Sentinel-1 pixels per frame: {s1From[0]} + {s1From[1]}");
        Assert.True(s2SeamPixels > 100, $"only {s2SeamPixels} Sentinel-2 pixels next to the seam");
        Assert.True(s1SeamPixels > 100, $"only {s1SeamPixels} Sentinel-1 pixels next to the seam");
    }

    [Fact]
    public void Zone_edge_tiles_are_warped_from_the_neighbouring_zone_onto_the_aoi_grid()
    {
        var files = batch.TileFiles(MosaicBatchFixture.ZoneEdgeId);
        Assert.Equal(4, files.Count);
        var scenes = batch.World.Scenes.ToDictionary(s => s.Id, StringComparer.Ordinal);
        long pixels = 0, sclExact = 0, s2Inside = 0, s2Values = 0, s1Inside = 0;

        // Ground truth per source pixel, computed once (neighbourhoods overlap from pixel to pixel).
        var truth = new Dictionary<(string Id, int Band, int Col, int Row), double>();
        double Truth(SyntheticScene scene, int band, (int Col, int Row) p)
        {
            if (!truth.TryGetValue((scene.Id, band, p.Col, p.Row), out var value))
            {
                value = band switch
                {
                    < 4 => SceneTruth.S2Dn(scene, Bands[band].Band, p.Col, p.Row),
                    4 => SceneTruth.Scl(scene, p.Col, p.Row),
                    _ => SceneTruth.S1Linear(scene, S1Polarization.VV, p.Col, p.Row),
                };
                truth[(scene.Id, band, p.Col, p.Row)] = value;
            }

            return value;
        }

        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            using var npz = NpzReader.Open(file);
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            var m = meta.RootElement;
            var s2 = scenes[m.GetProperty("s2_item").GetString()!];
            var s1 = scenes[m.GetProperty("s1_item").GetString()!];
            Assert.Equal([s2.Id], Ids(m, "s2_items"));

            // The AOI grid is in the point's zone (31), the scenes in the neighbouring one (32).
            Assert.Equal("EPSG:32631", m.GetProperty("crs").GetString());
            Assert.Equal(32632, s2.Epsg);
            Assert.Equal(32632, s1.Epsg);
            var gt = GeoTransform(m);
            var offset = OffsetDn(s2);
            var (bands, scl, vv) = Arrays(npz);
            for (var r = 0; r < 256; r++)
            {
                for (var c = 0; c < 256; c++)
                {
                    var i = (r * 256) + c;
                    var (x, y) = InZone32(gt, r, c);
                    pixels++;

                    // SCL, nearest neighbour: the 20 m pixel under the centre, or (approximate transformer) a neighbour.
                    var (c20, r20) = Pixel(s2, x, y, 20);
                    var exact = Truth(s2, 4, (c20, r20)) == scl[i];
                    sclExact += exact ? 1 : 0;
                    Assert.True(exact || Neighbourhood(c20, r20, 1).Any(p => Truth(s2, 4, p) == scl[i]), $"{name} ({r},{c}) SCL {scl[i]} is not any class around its position");
                    Assert.NotEqual(0, scl[i]);

                    // Bands, bilinear: within the range of the 2 x 2 source pixels around the position (GDAL rounds to DN).
                    var (i0, j0) = BilinearCorner(s2, x, y);
                    var invalid = Array.IndexOf(InvalidScl, scl[i]) >= 0;
                    for (var b = 0; b < Bands.Length; b++)
                    {
                        if (invalid)
                        {
                            Assert.True(float.IsNaN(bands[b][i]), $"{name} ({r},{c}) {Bands[b].Key}: SCL {scl[i]} must be NaN");
                            continue;
                        }

                        Assert.False(float.IsNaN(bands[b][i]), $"{name} ({r},{c}) {Bands[b].Key}: a hole where SCL is {scl[i]}");
                        var dn = Math.Round((bands[b][i] * 10000.0) + offset);
                        var band = b;
                        s2Values++;
                        var inside = InRange(dn, Square(i0, j0, 0, 1).Select(p => Truth(s2, band, p)), 0.5);
                        s2Inside += inside ? 1 : 0;
                        Assert.True(
                            inside || InRange(dn, Square(i0, j0, -1, 2).Select(p => Truth(s2, band, p)), 0.5),
                            $"{name} ({r},{c}) {Bands[b].Key}: DN {dn} outside the 4 x 4 source neighbourhood");
                    }

                    var (k0, l0) = BilinearCorner(s1, x, y);
                    var linear = Math.Pow(10, vv[i] / 10.0);
                    Assert.True(float.IsFinite(vv[i]), $"{name} ({r},{c}) s1_vv is a hole");
                    var s1InRange = InRange(linear, Square(k0, l0, 0, 1).Select(p => Truth(s1, 5, p)), 1e-5 * linear);
                    s1Inside += s1InRange ? 1 : 0;
                    Assert.True(
                        s1InRange || InRange(linear, Square(k0, l0, -1, 2).Select(p => Truth(s1, 5, p)), 1e-5 * linear),
                        $"{name} ({r},{c}) s1_vv {vv[i]} dB outside the 4 x 4 source neighbourhood");
                }
            }
        }

        // The tolerance of the warped-read tests: 99 % of the pixels exact (near) or inside the bilinear 2 x 2 range.
        Assert.True(sclExact >= 0.99 * pixels, $"SCL: {sclExact} of {pixels} equal the class under the pixel centre");
        Assert.True(s2Inside >= 0.99 * s2Values, $"S2 bands: {s2Inside} of {s2Values} values inside the 2 x 2 source range");
        Assert.True(s1Inside >= 0.99 * pixels, $"S1 VV: {s1Inside} of {pixels} values inside the 2 x 2 source range");
    }

    [Fact]
    public void Zone_edge_straddling_tiles_warp_both_items_of_the_pass_and_merge_them()
    {
        var files = batch.TileFiles(MosaicBatchFixture.ZoneEdgeStraddleId);
        Assert.Equal(4, files.Count);
        var scenes = batch.World.Scenes.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var s2From = new long[2];
        var s1From = new long[2];
        long pixels = 0, sclExact = 0, s2Inside = 0, s2Values = 0, s1Inside = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            using var npz = NpzReader.Open(file);
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            var m = meta.RootElement;
            var s2 = Ids(m, "s2_items").Select(id => scenes[id]).ToArray();
            var s1 = Ids(m, "s1_items").Select(id => scenes[id]).ToArray();
            Assert.Equal(2, s2.Length);
            Assert.Equal(2, s1.Length);
            Assert.Equal("EPSG:32631", m.GetProperty("crs").GetString());
            Assert.All(s2.Concat(s1), s => Assert.Equal(32632, s.Epsg));
            var offsets = s2.Select(OffsetDn).ToArray();
            Assert.NotEqual(offsets[0], offsets[1]);

            var gt = GeoTransform(m);
            var (bands, scl, vv) = Arrays(npz);
            for (var r = 0; r < 256; r++)
            {
                for (var c = 0; c < 256; c++)
                {
                    var i = (r * 256) + c;
                    var (x, y) = InZone32(gt, r, c);
                    pixels++;

                    // SCL (nearest): the class of the first item with data under the pixel centre; never a hole, and at
                    // worst (approximate transformer, seams) a class of some item around the position.
                    Assert.NotEqual(0, scl[i]);
                    var sclFrom = First(s2, s => SceneTruth.Scl(s, Pixel(s, x, y, 20).Col, Pixel(s, x, y, 20).Row) != 0);
                    Assert.True(sclFrom >= 0, $"{name} ({r},{c}): no Sentinel-2 item has SCL data here");
                    sclExact += SceneTruth.Scl(s2[sclFrom], Pixel(s2[sclFrom], x, y, 20).Col, Pixel(s2[sclFrom], x, y, 20).Row) == scl[i] ? 1 : 0;
                    Assert.True(
                        s2.Any(s => Neighbourhood(Pixel(s, x, y, 20).Col, Pixel(s, x, y, 20).Row, 1).Any(p => SceneTruth.Scl(s, p.Col, p.Row) == scl[i])),
                        $"{name} ({r},{c}) SCL {scl[i]} is not any class around its position");

                    // Sentinel-1 (bilinear): the first frame with data; never a hole.
                    Assert.True(float.IsFinite(vv[i]), $"{name} ({r},{c}) s1_vv is a hole");
                    var frame = First(s1, s => SceneTruth.S1Linear(s, S1Polarization.VV, Pixel(s, x, y, 10).Col, Pixel(s, x, y, 10).Row) != (float)WorldFiles.S1NoData);
                    Assert.True(frame >= 0, $"{name} ({r},{c}): no Sentinel-1 frame has data here");
                    s1From[frame]++;
                    var linear = Math.Pow(10, vv[i] / 10.0);
                    bool FrameWithin(int item, int lo, int hi)
                    {
                        var s = s1[item];
                        var (k0, l0) = BilinearCorner(s, x, y);
                        return InRange(linear, Square(k0, l0, lo, hi).Select(p => (double)SceneTruth.S1Linear(s, S1Polarization.VV, p.Col, p.Row)), 1e-5 * linear);
                    }

                    var s1InRange = FrameWithin(frame, 0, 1);
                    s1Inside += s1InRange ? 1 : 0;
                    Assert.True(s1InRange || FrameWithin(0, -1, 2) || FrameWithin(1, -1, 2), $"{name} ({r},{c}) s1_vv {vv[i]} dB outside the 4 x 4 source neighbourhood of either frame");

                    // Bands (bilinear): from the first item with data, converted with that item's own offset.
                    var from = First(s2, s => SceneTruth.S2Dn(s, S2Band.B04, Pixel(s, x, y, 10).Col, Pixel(s, x, y, 10).Row) != 0);
                    Assert.True(from >= 0, $"{name} ({r},{c}): no Sentinel-2 item has band data here");
                    s2From[from]++;
                    if (Array.IndexOf(InvalidScl, scl[i]) >= 0)
                    {
                        Assert.All(bands, band => Assert.True(float.IsNaN(band[i]), $"{name} ({r},{c}): SCL {scl[i]} must be NaN"));
                        continue;
                    }

                    for (var b = 0; b < Bands.Length; b++)
                    {
                        Assert.False(float.IsNaN(bands[b][i]), $"{name} ({r},{c}) {Bands[b].Key}: a hole where SCL is {scl[i]}");
                        var band = b;
                        bool Within(int item, int lo, int hi)
                        {
                            var s = s2[item];
                            var (i0, j0) = BilinearCorner(s, x, y);
                            var dn = Math.Round((bands[band][i] * 10000.0) + offsets[item]);
                            return InRange(dn, Square(i0, j0, lo, hi).Select(p => (double)SceneTruth.S2Dn(s, Bands[band].Band, p.Col, p.Row)), 0.5);
                        }

                        s2Values++;
                        var inside = Within(from, 0, 1);
                        s2Inside += inside ? 1 : 0;
                        Assert.True(
                            inside || Within(0, -1, 2) || Within(1, -1, 2),
                            $"{name} ({r},{c}) {Bands[b].Key}: {bands[b][i]} is outside the 4 x 4 source neighbourhood of either item");
                    }
                }
            }
        }

        // Both items and both frames fill part of the AOI; the warped-read tolerance: 99 % exact or inside the 2 x 2 range.
        Assert.True(s2From[0] > 0 && s2From[1] > 0, $"Sentinel-2 pixels per item: {s2From[0]} + {s2From[1]}");
        Assert.True(s1From[0] > 0 && s1From[1] > 0, $"Sentinel-1 pixels per frame: {s1From[0]} + {s1From[1]}");
        Assert.True(sclExact >= 0.99 * pixels, $"SCL: {sclExact} of {pixels} equal the class of the first item under the pixel centre");
        Assert.True(s2Inside >= 0.99 * s2Values, $"S2 bands: {s2Inside} of {s2Values} values inside the 2 x 2 source range of their item");
        Assert.True(s1Inside >= 0.99 * pixels, $"S1 VV: {s1Inside} of {pixels} values inside the 2 x 2 source range of their frame");
    }

    private static string[] Ids(JsonElement meta, string key) =>
        meta.GetProperty(key).EnumerateArray().Select(v => v.GetString()!).ToArray();

    private static double[] GeoTransform(JsonElement meta) =>
        meta.GetProperty("geotransform").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>The DN offset of a Sentinel-2 scene's baseline (1000 from 04.00 on, else 0).</summary>
    private static int OffsetDn(SyntheticScene s2) => GroundTruth.HasBoaOffset(s2.ProcessingBaseline!) ? GroundTruth.BoaOffsetDn : 0;

    /// <summary>The four Sentinel-2 bands, SCL and VV of a tile.</summary>
    private static (float[][] Bands, byte[] Scl, float[] Vv) Arrays(NpzArchive npz) =>
        (Bands.Select(b => npz.Get(b.Key).AsFloat32()).ToArray(), npz.Get("s2_scl").AsUInt8(), npz.Get("s1_vv").AsFloat32());

    /// <summary>The centre of tile pixel (<paramref name="r"/>, <paramref name="c"/>) on its zone-31 grid, in zone-32 coordinates.</summary>
    private static (double X, double Y) InZone32(double[] gt, int r, int c)
    {
        var (lon, lat) = Utm.Inverse(gt[0] + ((c + 0.5) * gt[1]), gt[3] + ((r + 0.5) * gt[5]), 31, true);
        return Utm.Forward(lon, lat, 32, true);
    }

    /// <summary>The north-west one of the 2 x 2 10 m source pixels whose centres surround (x, y): bilinear's neighbourhood.</summary>
    private static (int Col, int Row) BilinearCorner(SyntheticScene scene, double x, double y) =>
        ((int)Math.Floor(((x - scene.OriginX) / 10) - 0.5), (int)Math.Floor(((scene.OriginY - y) / 10) - 0.5));

    private static (int Col, int Row) Pixel(SyntheticScene scene, double x, double y, double size) =>
        ((int)Math.Floor((x - scene.OriginX) / size), (int)Math.Floor((scene.OriginY - y) / size));

    private static int First(SyntheticScene[] items, Func<SyntheticScene, bool> hasData) => Array.FindIndex(items, s => hasData(s));

    /// <summary>True when one of the four neighbours of the pixel centre (x, y) satisfies <paramref name="hasData"/>.</summary>
    private static bool HasNeighbour(double x, double y, double step, Func<(double X, double Y), bool> hasData) =>
        hasData((x + step, y)) || hasData((x - step, y)) || hasData((x, y + step)) || hasData((x, y - step));

    private static IEnumerable<(int Col, int Row)> Neighbourhood(int col, int row, int radius) =>
        Square(col, row, -radius, radius);

    private static IEnumerable<(int Col, int Row)> Square(int col, int row, int from, int to)
    {
        for (var dr = from; dr <= to; dr++)
        {
            for (var dc = from; dc <= to; dc++)
            {
                yield return (col + dc, row + dr);
            }
        }
    }

    private static bool InRange(double value, IEnumerable<double> values, double slack)
    {
        var list = values.ToList();
        return value >= list.Min() - slack && value <= list.Max() + slack;
    }
}
