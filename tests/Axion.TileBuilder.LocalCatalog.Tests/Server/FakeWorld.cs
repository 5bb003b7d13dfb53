using System.Globalization;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>
/// A hand-made <see cref="SyntheticWorld"/> for server tests: fake scenes whose asset files are
/// small byte files of a known pattern (no world generator, no GDAL).
/// </summary>
public sealed class FakeWorld : IDisposable
{
    public const int AssetBytes = 100 * 1024;

    private FakeWorld(string root, SyntheticWorld world)
    {
        Root = root;
        World = world;
    }

    public string Root { get; }

    public SyntheticWorld World { get; }

    public IEnumerable<SyntheticScene> S2 => World.Scenes.Where(s => s.Kind == SceneKind.Sentinel2L2A);

    public IEnumerable<SyntheticScene> S1 => World.Scenes.Where(s => s.Kind == SceneKind.Sentinel1Rtc);

    /// <summary>The byte at <paramref name="offset"/> of the file with pattern <paramref name="seed"/>.</summary>
    public static byte PatternByte(int seed, long offset) => (byte)(((offset * 31) + (offset >> 8) + seed) % 251);

    public static byte[] Pattern(int seed, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = PatternByte(seed, i);
        }

        return bytes;
    }

    /// <summary>
    /// <paramref name="s2Count"/> Sentinel-2 scenes one day apart from 2024-06-01 (cloud cover
    /// 100 * i / count, baselines alternating 02.12 / 05.10, boxes stepping 0.1 degree east),
    /// plus <paramref name="s1Count"/> Sentinel-1 RTC scenes.
    /// </summary>
    public static FakeWorld Create(int s2Count, int s1Count, bool withOffsetVariants = false)
    {
        var root = Path.Combine(Path.GetTempPath(), $"axion-server-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var scenes = new List<SyntheticScene>();
        var seed = 0;
        var start = new DateTimeOffset(2024, 6, 1, 10, 36, 29, TimeSpan.Zero);
        for (var i = 0; i < s2Count; i++)
        {
            var when = start.AddDays(i).AddMilliseconds(24);
            var west = 2.0 + (0.1 * i);
            var baseline = i % 2 == 0 ? "02.12" : "05.10";
            var sensing = when.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            var id = $"S2B_MSIL2A_{sensing}_R008_T31UFU_{when.AddHours(3):yyyyMMdd'T'HHmmss}";
            var assets = new List<SceneAssetFile>();
            foreach (var key in new[] { "B02", "B03", "B04", "B08", "SCL" })
            {
                var res = key == "SCL" ? 20.0 : 10.0;
                assets.Add(WriteAsset(root, $"s2/{id}/{key}.tif", key, seed++, res, key == "SCL" ? "Byte" : "UInt16", 0));
            }

            List<SceneAssetFile>? variants = null;
            if (withOffsetVariants && string.CompareOrdinal(baseline, "04.00") >= 0)
            {
                variants = [];
                foreach (var key in new[] { "B02", "B03", "B04", "B08" })
                {
                    variants.Add(WriteAsset(root, $"s2/{id}/boa/{key}.tif", key, 1000 + seed++, 10, "UInt16", 0));
                }
            }

            scenes.Add(Scene(id, SceneKind.Sentinel2L2A, when, west, 100.0 * i / s2Count, baseline, "31UFU", "sentinel-2b", null, assets, variants));
        }

        for (var i = 0; i < s1Count; i++)
        {
            var when = start.AddDays(i * 2).AddHours(-4.9).AddTicks(6966520);
            var sensing = when.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            var stop = when.AddSeconds(18).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            var id = $"S1A_IW_GRDH_1SDV_{sensing}_{stop}_0{54000 + i:00000}_06A{i:000}_rtc";
            var assets = new List<SceneAssetFile>
            {
                WriteAsset(root, $"s1/{id}/vv.tif", "vv", seed++, 10, "Float32", -32768),
                WriteAsset(root, $"s1/{id}/vh.tif", "vh", seed++, 10, "Float32", -32768),
            };
            scenes.Add(Scene(id, SceneKind.Sentinel1Rtc, when, 2.0 + (0.05 * i), 0, null, "31UFU", "SENTINEL-1A", i % 2 == 0 ? "ascending" : "descending", assets, null));
        }

        return new FakeWorld(root, new SyntheticWorld(root, scenes, "fake-" + Guid.NewGuid().ToString("N")));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static SceneAssetFile WriteAsset(string root, string relative, string key, int seed, double res, string type, double nodata)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Pattern(seed % 251, AssetBytes));
        var size = (int)(10240 / res);
        return new SceneAssetFile(key, relative, size, size, res, type, nodata, AssetBytes);
    }

    private static SyntheticScene Scene(
        string id, SceneKind kind, DateTimeOffset when, double west, double cloud, string? baseline, string tile,
        string platform, string? orbitState, IReadOnlyList<SceneAssetFile> assets, IReadOnlyList<SceneAssetFile>? variants)
    {
        var south = 48.0;
        var east = west + 0.5;
        var north = south + 0.5;
        IReadOnlyList<IReadOnlyList<double>> ring =
        [
            [west, south], [east, south], [east, north], [west, north], [west, south],
        ];
        return new SyntheticScene(
            Id: id,
            Kind: kind,
            Datetime: when,
            Epsg: 32631,
            OriginX: 399960 + (10000 * Math.Round((west - 2.0) * 10)),
            OriginY: 5400000,
            Width10m: 1024,
            Height10m: 1024,
            BboxLonLat: [west, south, east, north],
            FootprintLonLat: ring,
            CloudCover: cloud,
            ProcessingBaseline: baseline,
            MgrsTile: tile,
            RelativeOrbit: 8,
            Platform: platform,
            OrbitState: orbitState,
            Assets: assets,
            OffsetAppliedAssets: variants);
    }
}
