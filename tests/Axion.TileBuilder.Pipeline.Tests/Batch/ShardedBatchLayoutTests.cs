using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Sharding;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

public sealed class ShardedBatchLayoutTests
{
    private static readonly RunSettings Settings = new() { CsvPath = "/data/a.csv", Profile = BuiltInProfiles.PlanetaryComputer };

    private static BatchManifest Manifest(string csvHash = "aa", RunSettings? settings = null, int shards = 3, string version = "1.0.0") =>
        BatchManifest.For(csvHash, settings ?? Settings, shards, version);

    [Fact]
    public void Journal_paths_are_per_shard_under_the_journal_folder()
    {
        Assert.Equal("_journal/shard-2-of-16.db", ShardedBatchLayout.JournalName(new ShardSpec(2, 16)));
        Assert.Equal(Path.Combine("/out", "_journal", "shard-0-of-1.db"), ShardedBatchLayout.JournalPath("/out", new ShardSpec(0, 1)));
        Assert.Equal(Path.Combine("/out", "journal.db"), ShardedBatchLayout.JournalPath("/out", null));
    }

    [Fact]
    public void Concurrent_shards_create_one_batch_file_and_all_agree()
    {
        using var temp = new TempDirectory();
        Parallel.For(0, 16, _ => ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(), force: false, Logger.None));

        var stored = BatchManifest.TryParse(File.ReadAllText(ShardedBatchLayout.ManifestPath(temp.Path)));
        Assert.NotNull(stored);
        Assert.Empty(Manifest().DifferencesFrom(stored));
        Assert.Equal(["batch.json"], Directory.GetFiles(Path.Combine(temp.Path, "_journal")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_sibling_with_other_values_is_refused_naming_each_difference()
    {
        using var temp = new TempDirectory();
        ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(), force: false, Logger.None);

        var ex = Assert.Throws<AxionException>(() => ShardedBatchLayout.CheckSiblings(
            temp.Path, Manifest("bb", Settings with { TilesX = 3, Workers = 9 }, 4), force: false, Logger.None));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("the locations CSV differs (SHA-256 bb here, aa in the batch)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the settings differ (tiles_x 3 here, 2 in the batch)", ex.Message, StringComparison.Ordinal); // workers are not identity
        Assert.Contains("the number of shards differs (4 here, 3 in the batch)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sibling_with_another_catalog_request_rate_is_the_same_batch()
    {
        using var temp = new TempDirectory();
        ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(settings: Settings with { MaxStacRps = 10 }), force: false, Logger.None);

        ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(settings: Settings with { MaxStacRps = 0.5 }), force: false, Logger.None);
        ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(settings: Settings with { MaxStacRps = 0 }), force: false, Logger.None);

        // The control: a setting that changes the tiles is still refused.
        Assert.Throws<AxionException>(() => ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(settings: Settings with { MinClear = 0.5 }), force: false, Logger.None));
    }

    [Fact]
    public void Another_tool_version_is_accepted_and_force_replaces_a_differing_file()
    {
        using var temp = new TempDirectory();
        ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(), force: false, Logger.None);
        ShardedBatchLayout.CheckSiblings(temp.Path, Manifest(version: "2.0.0"), force: false, Logger.None);

        ShardedBatchLayout.CheckSiblings(temp.Path, Manifest("cc"), force: true, Logger.None);

        Assert.Equal("cc", BatchManifest.TryParse(File.ReadAllText(ShardedBatchLayout.ManifestPath(temp.Path)))!.CsvSha256);
    }

    [Fact]
    public void An_unsharded_and_a_sharded_batch_never_share_an_out_dir()
    {
        using var temp = new TempDirectory();
        using (BatchJournal.Open(temp.Path, create: true))
        {
        }

        var sharded = Assert.Throws<AxionException>(() => ShardedBatchLayout.OpenJournal(temp.Path, new ShardSpec(0, 2), create: true));
        Assert.Contains("holds an unsharded batch (journal.db)", sharded.Message, StringComparison.Ordinal);

        using var other = new TempDirectory();
        ShardedBatchLayout.CheckSiblings(other.Path, Manifest(shards: 2), force: false, Logger.None);
        var unsharded = Assert.Throws<AxionException>(() => ShardedBatchLayout.OpenJournal(other.Path, null, create: true));
        Assert.Contains("holds a sharded batch (_journal/batch.json, 2 shards): pass --shard K/N", unsharded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shards_of_one_out_dir_open_their_journals_at_the_same_time_but_one_journal_has_one_process()
    {
        using var temp = new TempDirectory();
        using var zero = ShardedBatchLayout.OpenJournal(temp.Path, new ShardSpec(0, 2), create: true);
        using var one = ShardedBatchLayout.OpenJournal(temp.Path, new ShardSpec(1, 2), create: true);

        Assert.Equal(temp.Path, zero.OutDir);
        Assert.EndsWith(Path.Combine("_journal", "shard-1-of-2.db"), one.DatabasePath, StringComparison.Ordinal);
        Assert.Throws<JournalLockedException>(() => ShardedBatchLayout.OpenJournal(temp.Path, new ShardSpec(1, 2), create: true));
    }

    [Fact]
    public void Status_of_a_shard_that_never_ran_says_how_to_start_it()
    {
        using var temp = new TempDirectory();
        var ex = Assert.Throws<AxionException>(() => ShardedBatchLayout.OpenJournal(temp.Path, new ShardSpec(1, 2), create: false));

        Assert.Contains("_journal/shard-1-of-2.db not found (start this shard with 'axion-tiles build --shard 1/2')", ex.Message, StringComparison.Ordinal);
    }
}
