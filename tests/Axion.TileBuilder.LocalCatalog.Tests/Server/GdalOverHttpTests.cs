using System.Diagnostics;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.World;
using Xunit.Abstractions;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>
/// End to end with the real world generator and GDAL: a signed Planetary Computer S2 href opened over
/// <c>/vsicurl/</c> reads the same pixels as the local file and as the ground truth, with GDAL's serial
/// multi-range mode exercising the multipart/byteranges answers.
/// </summary>
public sealed class GdalOverHttpTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"axion-server-gdal-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Gdal_reads_a_signed_pc_asset_over_vsicurl_like_the_local_file()
    {
        var watch = Stopwatch.StartNew();
        var world = WorldBuilder.Build(new WorldSpec([new WorldLocation("paris", 48.8566, 2.3522)]), _root);
        output.WriteLine($"world built in {watch.Elapsed.TotalSeconds:F1} s");
        var scene = world.Scenes.First(s => s.Kind == SceneKind.Sentinel2L2A && s.ProcessingBaseline is not null && GroundTruth.HasBoaOffset(s.ProcessingBaseline));
        var file = scene.Assets.Single(a => a.Key == "B04");

        await using var server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions());
        using var client = Harness.Client();
        var (_, item) = await Harness.GetJsonAsync(client, $"{server.PlanetaryComputerStacRoot}/collections/sentinel-2-l2a/items/{scene.Id}");
        var href = (string)item!["assets"]!["B04"]!["href"]!;
        var (_, token) = await Harness.GetJsonAsync(client, $"{server.PlanetaryComputerTokenUrl}/sentinel-2-l2a");
        var signed = href + "?" + (string)token!["token"]!;
        Assert.Equal(scene.Epsg, (int)item["properties"]!["proj:epsg"]!);

        // A window that straddles the four 1024 px blocks around (1024, 1024).
        const int X = 1000, Y = 990, W = 60, H = 70;
        var local = new ushort[W * H];
        using (var dataset = GdalDataset.Open(Path.Combine(world.Directory, file.RelativePath)))
        {
            dataset.GetBand(1).Read<ushort>(X, Y, W, H, local);
        }

        server.ResetStats();
        var remote = new ushort[W * H];
        GdalRuntime.SetThreadLocalConfigOption("GDAL_HTTP_MULTIRANGE", "SERIAL");
        try
        {
            using var dataset = GdalDataset.Open("/vsicurl/" + signed);
            Assert.Equal(scene.Epsg, dataset.Epsg);
            Assert.Equal(file.Width, dataset.Width);
            var transform = (JsonArray)item["assets"]!["B04"]!["proj:transform"]!;
            Assert.Equal((double)transform[2]!, dataset.GeoTransform.OriginX);
            Assert.Equal((double)transform[5]!, dataset.GeoTransform.OriginY);
            var band = dataset.GetBand(1);
            Assert.Equal((1024, 1024), band.BlockSize);
            band.Read<ushort>(X, Y, W, H, remote);
        }
        finally
        {
            GdalRuntime.SetThreadLocalConfigOption("GDAL_HTTP_MULTIRANGE", null);
        }

        Assert.Equal(local, remote);
        for (var row = 0; row < H; row += 7)
        {
            for (var col = 0; col < W; col += 5)
            {
                Assert.Equal(SceneTruth.S2Dn(scene, S2Band.B04, X + col, Y + row), remote[(row * W) + col]);
            }
        }

        var stats = server.Stats.Snapshot();
        var path = new Uri(href).AbsolutePath;
        Assert.True(stats.Path(path).Requests >= 2, $"{stats.Path(path).Requests} requests");
        Assert.True(stats.Path(path).BytesSent < file.FileSize, "GDAL read windows, not the whole file");
        Assert.All(stats.Recent, r => Assert.True(r.Status is 200 or 206, $"{r.Method} {r.Path} {r.Range} -> {r.Status}"));
        Assert.Contains(stats.Recent, r => r.Range is not null && r.Range.Contains(',', StringComparison.Ordinal) && r.Status == 206);
        foreach (var r in stats.Recent)
        {
            output.WriteLine($"{r.Method} {r.Range} -> {r.Status} {r.BytesSent}");
        }
    }
}
