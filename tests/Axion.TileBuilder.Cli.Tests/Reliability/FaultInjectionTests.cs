using Axion.TileBuilder.Journal;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// A 20-row batch (<c>--workers 4</c>) against a catalog that fails one request in four (503, 429 with
/// Retry-After, truncated bodies, dropped connections; on assets, STAC searches and the token endpoint)
/// and whose SAS tokens live 4 s: every row is done and every tile is byte-identical to a fault-free run.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class FaultInjectionTests(ReliabilityFixture fixture)
{
    [Fact]
    public async Task Batch_under_injected_faults_finishes_every_row_with_tiles_identical_to_a_fault_free_run()
    {
        var run = await fixture.FaultedRunAsync();

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{string.Join('\n', run.OutputLines.Where(l => !l.Contains(" DBG ", StringComparison.Ordinal)).TakeLast(40))}");
        using (var journal = BatchJournal.Open(run.OutDir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            var rows = journal.List();
            Assert.Equal(fixture.Csv20Ids.Order(StringComparer.Ordinal), rows.Select(r => r.RowId).Order(StringComparer.Ordinal));
            Assert.All(rows, r => Assert.True(r.State == RowState.Done, $"row {r.RowId} is {r.State}: {r.Reason} {r.Message}"));
        }

        TileSnapshot.AssertEqual(fixture.Reference, TileSnapshot.Read(run.OutDir));
        Assert.Empty(Directory.GetFiles(run.OutDir, ".*tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_faulted_run_really_met_every_kind_of_fault_on_every_kind_of_request()
    {
        var run = await fixture.FaultedRunAsync();
        var log = run.Stats.Recent;
        Assert.True(log.Count == run.Stats.TotalRequests, "the server's request log must hold every request of the run");

        foreach (var category in new[] { RequestCategory.Asset, RequestCategory.Stac, RequestCategory.Token })
        {
            var faulted = log.Count(e => e.Category == category && e.Fault is not null);
            Assert.True(faulted > 0, $"no {category} request was faulted");
        }

        foreach (var fault in new[] { "503", "429", "truncate", "drop" })
        {
            Assert.True(log.Any(e => e.Category == RequestCategory.Asset && e.Fault == fault), $"no asset read met fault '{fault}'");
        }

        // 4 s tokens: the signer renewed them for both collections (the run's length is not asserted: the tokens it
        // was issued are the behaviour, whatever the machine's speed).
        var tokenPaths = log.Where(e => e.Category == RequestCategory.Token && e.Status == 200).GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, tokenPaths.Count);
        Assert.All(tokenPaths, p => Assert.True(p.Value > 1, $"{p.Key}: only {p.Value} token issued"));
    }
}
