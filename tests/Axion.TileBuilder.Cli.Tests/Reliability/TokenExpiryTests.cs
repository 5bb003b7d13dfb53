using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>Issue "signing never expires mid-batch": SAS tokens that live much shorter than the batch.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class TokenExpiryTests(ReliabilityFixture fixture)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Tokens_shorter_than_the_batch_are_renewed_and_every_rejected_read_is_retried()
    {
        await using var server = await LocalCatalogServer.StartAsync(
            fixture.World,
            new LocalCatalogOptions { TokenLifetime = Lifetime, Faults = new FaultOptions { LatencyMs = 60 }, RequestLogSize = 1_000_000 });
        var outDir = fixture.NewDir("rel-token");

        var result = await CliHarness.RunAsync([.. fixture.BuildArgs(TestPaths.SampleCsv, outDir, server, workers: 1)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Equal(3, journal.Summarize().Count(RowState.Done));
        }

        var stats = server.Stats.Snapshot();
        Assert.True(stats.Recent.Count == stats.TotalRequests, "the request log must hold every request");
        // The batch outlived its tokens (60 ms per request makes it last many lifetimes on any machine): the proof is
        // the renewals the server counted, one first token per collection and more after, not the batch's duration.
        var issued = stats.Recent.Count(e => e.Category == RequestCategory.Token && e.Status == 200);
        Assert.True(issued > 2, $"the server issued {issued} tokens with a {Lifetime.TotalSeconds} s lifetime: none was renewed, so the test proves nothing");

        // Every asset request refused with 403 (token expired in flight) was followed by a successful read of the same file.
        var assets = stats.Recent.Where(e => e.Category == RequestCategory.Asset).ToList();
        for (var i = 0; i < assets.Count; i++)
        {
            if (assets[i].Status != 403)
            {
                continue;
            }

            var path = assets[i].Path;
            Assert.True(
                assets.Skip(i + 1).Any(e => e.Path == path && e.Status is 200 or 206),
                $"403 on {path} at {assets[i].Time:HH:mm:ss.fff} was never followed by a successful read");
        }

        TileSnapshot.AssertEqual(fixture.SampleReference, TileSnapshot.Read(outDir));
    }
}
