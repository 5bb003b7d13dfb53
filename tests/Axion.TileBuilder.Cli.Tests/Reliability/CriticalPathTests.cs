using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Issue 15, a shorter row: work that does not depend on the SCL check runs while it is under way. The proof is the order
/// in which the local catalog is asked, enforced by holding answers, never a duration: the SCL files are not answered until
/// a Sentinel-1 file has been asked for. A planner that waits for the SCL verdict before it looks at Sentinel-1 would
/// leave every SCL request waiting for the full patience.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class CriticalPathTests(ReliabilityFixture fixture)
{
    /// <summary>How long an SCL answer waits for a Sentinel-1 request before it is sent anyway (and the test fails).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_sentinel1_pair_is_probed_while_the_best_scenes_scl_is_still_unanswered()
    {
        var gate = new AnswerGate(
            held: path => path.EndsWith("_SCL_20m.tif", StringComparison.Ordinal),
            awaited: path => path.Contains("/measurement/iw-v", StringComparison.Ordinal), // Planetary Computer's RTC VV and VH files
            Patience);
        await using var server = await LocalCatalogServer.StartAsync(fixture.World, new LocalCatalogOptions { BeforeAnswer = gate.BeforeAnswer });
        var dir = fixture.NewDir("rel-critical-path");
        var row = fixture.SampleRows[0];
        var csv = await ReliabilityFixture.OneRowCsvAsync(dir, row);
        var outDir = Path.Combine(dir, "out");

        var result = await CliHarness.RunAsync([.. fixture.BuildArgs(csv, outDir, server, workers: 1)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(gate.ReleasedByPatience == 0, $"{gate.ReleasedByPatience} SCL request(s) waited {Patience.TotalSeconds} s for a Sentinel-1 request that never came");
        Assert.True(gate.ReleasedByArrival > 0, "no SCL file was asked for");
        TileSnapshot.AssertEqual(TileSnapshot.OfRows(fixture.Reference, [row.Id]), TileSnapshot.Read(outDir));
    }
}
