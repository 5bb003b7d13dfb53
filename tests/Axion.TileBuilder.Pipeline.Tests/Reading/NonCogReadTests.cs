using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Execution;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

/// <summary>
/// A 10980 x 10980 single-strip DEFLATE band served over loopback: refused from its header, and with the opt-in a read
/// stops at its budget. Bytes are counted by the server.
/// </summary>
public sealed class NonCogReadTests : IDisposable
{
    private static readonly TargetGrid Grid = new(32631, 600000 + 50_000, 5800000 - 50_000, 512, 512, 10);
    private readonly LoopbackFileServer _server = new();
    private readonly BlockingIoPool _pool = new(2, "non-cog-tests");
    private readonly AssetReader _reader;
    private readonly AssetRef _asset;

    public NonCogReadTests()
    {
        _reader = new AssetReader(_pool, new CountingSigner(), Logger.None);
        var href = _server.Add($"B04-strip-{Guid.NewGuid():N}.tif", StripRaster.File);
        _asset = new AssetRef("S2A_MSIL2A_20240601T103031_R108_T31UFQ", "B04", href, "sentinel-2-l2a");
    }

    public void Dispose()
    {
        _server.Dispose();
        _pool.Dispose();
    }

    [Fact]
    public async Task A_strip_file_is_refused_as_not_cloud_optimized_after_its_header_only()
    {
        var ex = await Assert.ThrowsAsync<RowFailedException>(() => _reader.ReadAsync(
            _asset, ds => AssetProbe.Inspect(ds, Grid, _asset, "B04", "bilinear", allowNonCog: false), CancellationToken.None));

        Assert.Equal(FailureKind.Permanent, ex.Kind);
        Assert.Equal("not_cloud_optimized", ex.Reason);
        Assert.Contains("B04", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_asset.ItemId, ex.Message, StringComparison.Ordinal);
        Assert.Contains("10980 x 10980 px in blocks of 10980 x 10980", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-non-cog", ex.Message, StringComparison.Ordinal);
        Assert.True(StripRaster.File.Length > (long)StripRaster.NoiseRows * StripRaster.Size, $"the fixture holds {StripRaster.File.Length} bytes, less than its incompressible rows");
        Assert.True(StripRaster.File.Length > 2 * ReadBudget.SlackBytes * 16, $"the fixture should be much larger than a header ({StripRaster.File.Length} bytes)");
        Assert.InRange(ServedBytes(), 1, ReadBudget.SlackBytes);
    }

    [Fact]
    public async Task With_the_opt_in_a_read_of_the_strip_stops_at_its_budget_before_downloading_it()
    {
        var cost = new RowCost();
        RowCost.Current = cost;
        AssetReadPlan? plan = null;
        const long budget = 1_000_000;

        var ex = await Assert.ThrowsAsync<AssetReadException>(() => _reader.ReadAsync(
            _asset,
            (ds, meter) =>
            {
                plan = AssetProbe.Inspect(ds, Grid, _asset, "B04", "bilinear", allowNonCog: true);
                return GridReader.ReadAligned<ushort>(ds, 1, Grid, 0);
            },
            budget,
            CancellationToken.None));

        Assert.Equal(FailureKind.Permanent, ex.Kind);
        Assert.Equal("read_budget_exceeded", ex.Reason);
        Assert.Contains("B04 of " + _asset.ItemId, ex.Message, StringComparison.Ordinal);
        Assert.Contains("budget of 1000000 bytes", ex.Message, StringComparison.Ordinal);
        // The window's block is the whole strip: the estimate is the file, which the read may not fetch here.
        Assert.NotNull(plan);
        Assert.True(plan.Estimate.Bytes > budget);
        var served = ServedBytes();
        Assert.InRange(served, 1, budget);
        // The failed read's bytes stay on the row's cost.
        Assert.InRange(cost.Bytes, 1, budget);
        Assert.True(cost.Requests >= 2);
    }

    private long ServedBytes() => _server.Requests.Where(r => r.Method == "GET").Sum(r => r.BodyBytes);
}
