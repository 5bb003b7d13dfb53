using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

/// <summary>Which settings make another batch: the catalog request rate (<c>--max-stac-rps</c>) does not.</summary>
public sealed class BatchIdentityTests : IDisposable
{
    private static readonly string CsvHash = new('a', 64);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_run_with_another_max_stac_rps_continues_the_batch_and_the_journal_keeps_the_first_settings()
    {
        using var journal = BatchJournal.Open(_dir.Path, create: true);
        BatchIdentity.Establish(journal, Request(Settings with { MaxStacRps = 10 }), CsvHash);

        BatchIdentity.Establish(journal, Request(Settings with { MaxStacRps = 0.5 }), CsvHash);
        BatchIdentity.Establish(journal, Request(Settings with { MaxStacRps = 0 }, resume: true), CsvHash);

        Assert.Equal(10, RunSettings.FromJson(journal.Run!.SettingsJson).MaxStacRps);
    }

    [Fact]
    public void A_run_with_another_setting_that_changes_the_tiles_is_refused()
    {
        // The control of the test above: Establish does compare the settings.
        using var journal = BatchJournal.Open(_dir.Path, create: true);
        BatchIdentity.Establish(journal, Request(Settings), CsvHash);

        var e = Assert.Throws<AxionException>(() => BatchIdentity.Establish(journal, Request(Settings with { MinClear = 0.5, MaxStacRps = 3 }), CsvHash));

        Assert.Equal(FailureKind.BadInput, e.Kind);
        Assert.Contains("the settings differ from the batch's", e.Message, StringComparison.Ordinal);
    }

    private static RunSettings Settings => new() { CsvPath = "/data/rows.csv", Profile = BuiltInProfiles.PlanetaryComputer };

    private BatchRequest Request(RunSettings settings, bool resume = false) => new() { OutDir = _dir.Path, Settings = settings, Resume = resume };
}
