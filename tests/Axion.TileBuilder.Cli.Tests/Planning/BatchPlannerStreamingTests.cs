using Axion.TileBuilder.Cli.Commands;
using Axion.TileBuilder.Cli.Hosting;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Profiles;
using Serilog.Core;

namespace Axion.TileBuilder.Cli.Tests.Planning;

/// <summary><see cref="BatchPlanner"/> hands each row out in CSV order without its SCL window or STAC items and keeps only totals.</summary>
public sealed class BatchPlannerStreamingTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDir("plan-stream");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Rows_come_out_in_csv_order_without_pixels_and_the_totals_add_them_up()
    {
        Environment.SetEnvironmentVariable("AXION_CACHE_DIR", TestPaths.WorldCache);
        var lines = (await File.ReadAllLinesAsync(TestPaths.SampleCsv)).ToList();
        lines.Insert(2, "north-pole,91,10,bad latitude"); // line 3, between two rows to plan
        var csv = Path.Combine(_dir, "locations.csv");
        await File.WriteAllLinesAsync(csv, lines);
        await using var host = await LocalCatalogHost.StartAsync(csv, BatchLauncher.DemoScenePx, null, new LocalCatalogOptions(), Logger.None, CancellationToken.None);
        var (start, end) = host.DateSpan;
        var settings = new RunSettings { CsvPath = csv, Profile = host.ApplyTo(BuiltInProfiles.Demo), Start = start, End = end, Workers = 3 };

        var seen = new List<RowPlanOutcome>();
        var totals = await new BatchPlanner(Logger.None).PlanAsync(settings, null, null, null, seen.Add, CancellationToken.None);

        Assert.Equal(["iowa-cropland", "north-pole", "black-forest", "algarve-coast"], seen.Select(o => o.RowId));
        Assert.Equal([2, 3, 4, 5], seen.Select(o => o.Line));
        Assert.Equal("bad_input", seen[1].Reason);
        var planned = seen.Where(o => o.Plan is not null).Select(o => o.Plan!).ToList();
        Assert.Equal(3, planned.Count);
        Assert.All(planned, p =>
        {
            Assert.Null(p.Scl); // no row's SCL window outlives its row
            Assert.Null(p.S2Item);
            Assert.Null(p.S2Items);
            Assert.Null(p.S1Item);
            Assert.Null(p.S1Items);
            Assert.True(p.PlanBytes > 0);
        });
        Assert.Equal((3, 1, 4), (totals.Planned, totals.Failed, totals.Total));
        Assert.Equal(planned.Sum(p => p.PlanBytes), totals.PlanBytes);
        Assert.Equal(planned.Sum(p => p.EstimatedBytes), totals.EstimatedBytes);
        Assert.Equal(planned.Sum(p => p.EstimatedRequests), totals.EstimatedRequests);
        Assert.Equal(1, Assert.Single(totals.FailuresByReason).Value);
    }
}
