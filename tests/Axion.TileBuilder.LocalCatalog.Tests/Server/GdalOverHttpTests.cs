using System.Text.Json.Nodes;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.Tests.World;
using Axion.TileBuilder.LocalCatalog.World;
using Xunit.Abstractions;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>
/// End to end with the real world generator and GDAL: a signed Planetary Computer S2 href opened over
/// <c>/vsicurl/</c> reads the same pixels as the local file and as the ground truth. GDAL 3.6 sends one
/// GET with a multi-range header (and parses the multipart/byteranges answer) in its
/// <c>GDAL_HTTP_MULTIRANGE=SINGLE_GET</c> mode (SERIAL and PARALLEL issue one single-range GET per range). Shares the World tests' generated
/// world (building another one would double the suite's run time).
/// </summary>
[Collection(WorldCollection.Name)]
public sealed class GdalOverHttpTests(WorldFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Gdal_reads_a_signed_pc_asset_over_vsicurl_like_the_local_file()
    {
        var world = fixture.World;
        var scene = world.Scenes.First(s => s.Kind == SceneKind.Sentinel2L2A && s.ProcessingBaseline is not null && GroundTruth.HasBoaOffset(s.ProcessingBaseline));
        var file = scene.Assets.Single(a => a.Key == "B04");

        await using var server = await LocalCatalogServer.StartAsync(world, new LocalCatalogOptions());
        using var client = Harness.Client();
        var (_, item) = await Harness.GetJsonAsync(client, $"{server.PlanetaryComputerStacRoot}/collections/sentinel-2-l2a/items/{scene.Id}");
        var href = (string)item!["assets"]!["B04"]!["href"]!;
        var (_, token) = await Harness.GetJsonAsync(client, $"{server.PlanetaryComputerTokenUrl}/sentinel-2-l2a");
        var signed = href + "?" + (string)token!["token"]!;
        Assert.Equal(scene.Epsg, (int)item["properties"]!["proj:epsg"]!);

        // A window that straddles two vertically adjacent 1024 px blocks (not adjacent in the file,
        // so GDAL asks for two ranges, in one multi-range request in SINGLE_GET mode).
        const int X = 960, Y = 990, W = 60, H = 70;
        var local = new ushort[W * H];
        using (var dataset = GdalDataset.Open(Path.Combine(world.Directory, file.RelativePath)))
        {
            dataset.GetBand(1).Read<ushort>(X, Y, W, H, local);
        }

        server.ResetStats();
        var remote = new ushort[W * H];
        GdalRuntime.SetThreadLocalConfigOption("GDAL_HTTP_MULTIRANGE", "SINGLE_GET");
        GdalRuntime.SetThreadLocalConfigOption("GDAL_HTTP_MERGE_CONSECUTIVE_RANGES", "NO");
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
            GdalRuntime.SetThreadLocalConfigOption("GDAL_HTTP_MERGE_CONSECUTIVE_RANGES", null);
        }

        Assert.Equal(local, remote);
        for (var row = 0; row < H; row += 7)
        {
            for (var col = 0; col < W; col += 5)
            {
                Assert.Equal(SceneTruth.S2Dn(scene, S2Band.B04, X + col, Y + row), remote[(row * W) + col]);
            }
        }

        var path = new Uri(href).AbsolutePath;
        await Harness.WaitForAsync(() => server.Stats.Snapshot().Recent.Any(r => r.Range is not null && r.Range.Contains(',', StringComparison.Ordinal)));
        var stats = server.Stats.Snapshot();
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
