using System.Globalization;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Issue 14, rate limits across many machines: one process's workers share one SAS token per collection and send every
/// catalog and token request through the one cap of <c>--max-stac-rps</c>. The proof is what the local catalog counted,
/// never a duration.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed partial class RateLimitTests(ReliabilityFixture fixture)
{
    [Fact]
    public async Task Eight_workers_fetch_one_token_per_collection_and_send_every_catalog_request_through_the_cap()
    {
        await using var server = await LocalCatalogServer.StartAsync(fixture.World, new LocalCatalogOptions { RequestLogSize = 100_000 });
        var outDir = fixture.NewDir("rel-rate");

        var result = await CliHarness.RunAsync([.. fixture.BuildArgs(fixture.Csv20, outDir, server, workers: 8), "--max-stac-rps", "40"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Equal(20, journal.Summarize().Count(RowState.Done));
        }

        var stats = server.Stats.Snapshot();
        Assert.True(stats.Recent.Count == stats.TotalRequests, "the request log must hold every request");

        // One token per collection for the whole process, however many workers sign at once.
        var tokens = stats.Recent.Where(e => e.Category == RequestCategory.Token).GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, t => Assert.True(t.Value == 1, $"{t.Key} was asked for {t.Value} times"));

        // Every STAC and token request the server saw took a permit of the process's one cap, and nothing else did.
        var cap = CapLine().Match(result.Stderr);
        Assert.True(cap.Success, "no 'Catalog rate cap' line in the log:\n" + result.Stderr);
        var permits = long.Parse(cap.Groups["requests"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(stats.Category(RequestCategory.Stac).Requests + stats.Category(RequestCategory.Token).Requests, permits);
        Assert.Equal("40", cap.Groups["rps"].Value);
        Assert.True(permits >= 42, $"{permits} permits: 20 rows make at least 40 searches and 2 token requests");

        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(outDir));
    }

    [GeneratedRegex(@"Catalog rate cap: (?<requests>\d+) catalog requests at most (?<rps>[\d.]+)/s, (?<waited>\d+) of them waited")]
    private static partial Regex CapLine();
}
