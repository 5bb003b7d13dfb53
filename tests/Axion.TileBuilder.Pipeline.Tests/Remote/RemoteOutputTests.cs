using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Remote;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Storage.Local;
using Axion.TileBuilder.Storage.Locations;
using Serilog.Core;

namespace Axion.TileBuilder.Pipeline.Tests.Remote;

/// <summary>
/// What <see cref="RemoteOutput"/> moves between the work folder and the store (a local-folder store here; the same
/// calls run against Azurite in the CLI's end-to-end tests): a row's files, a failed row's leftovers, the journal.
/// </summary>
public sealed class RemoteOutputTests : IDisposable
{
    private static readonly ShardSpec Shard = new(2, 3);
    private readonly TempDirectory _work = new();
    private readonly TempDirectory _bucket = new();

    public void Dispose()
    {
        _work.Dispose();
        _bucket.Dispose();
    }

    [Fact]
    public async Task A_finished_rows_tiles_and_quicklook_go_to_the_store_under_their_local_names_and_leave_the_work_folder()
    {
        using var remote = NewRemote();
        WriteWork("tile_a_0_0.npz", "t00");
        WriteWork("tile_a_0_1.npz", "t01");
        WriteWork("quicklooks/a.png", "png");
        WriteWork("tile_b_0_0.npz", "another row in flight");

        await remote.PublishRowAsync(new RowFiles(_work.Path, "a", 2, 1), Result("tile_a_0_0.npz", "tile_a_0_1.npz"), CancellationToken.None);

        Assert.Equal("t00", ReadBucket("tile_a_0_0.npz"));
        Assert.Equal("t01", ReadBucket("tile_a_0_1.npz"));
        Assert.Equal("png", ReadBucket("quicklooks/a.png"));
        Assert.False(File.Exists(_work.File("tile_a_0_0.npz")));
        Assert.False(File.Exists(_work.File("quicklooks/a.png")));
        Assert.True(File.Exists(_work.File("tile_b_0_0.npz")));
        Assert.False(File.Exists(Path.Combine(_bucket.Path, "tile_b_0_0.npz")));
    }

    [Fact]
    public async Task A_finished_row_of_timesteps_brings_every_timesteps_quicklook_to_the_store()
    {
        using var remote = NewRemote();
        WriteWork("tile_a_0_0_t0.npz", "t0");
        WriteWork("tile_a_0_0_t2.npz", "t2");
        WriteWork("quicklooks/a_t0.png", "png0");
        WriteWork("quicklooks/a_t2.png", "png2");

        await remote.PublishRowAsync(new RowFiles(_work.Path, "a", 1, 1, Timesteps: 3), Result("tile_a_0_0_t0.npz", "tile_a_0_0_t2.npz"), CancellationToken.None);

        Assert.Equal(["quicklooks/a_t0.png", "quicklooks/a_t2.png", "tile_a_0_0_t0.npz", "tile_a_0_0_t2.npz"], Directory.GetFiles(_bucket.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_bucket.Path, f)).Order(StringComparer.Ordinal));
        Assert.Equal("png2", ReadBucket("quicklooks/a_t2.png"));
        Assert.DoesNotContain(Directory.GetFiles(_work.Path, "*", SearchOption.AllDirectories), f => !f.Contains(".axion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_rows_every_possible_name_is_deleted_from_the_store_and_nothing_of_other_rows()
    {
        using var remote = NewRemote();
        foreach (var name in new[] { "tile_a_0_0.npz", "tile_a_1_1.npz", "tile_a_1_1.tif", "quicklooks/a.png", "tile_ab_0_0.npz", "tile_b_0_0.npz", "quicklooks/b.png" })
        {
            WriteBucket(name);
        }

        await remote.RemoveRowAsync(new RowFiles(_work.Path, "a", 2, 2), CancellationToken.None);

        var left = Directory.GetFiles(_bucket.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_bucket.Path, f)).Order(StringComparer.Ordinal);
        Assert.Equal(["quicklooks/b.png", "tile_ab_0_0.npz", "tile_b_0_0.npz"], left);
    }

    [Fact]
    public async Task An_empty_work_folder_gets_the_last_snapshot_and_a_journal_already_there_is_kept()
    {
        using var remote = NewRemote();
        Assert.False(await remote.RestoreJournalAsync(CancellationToken.None)); // nothing in the store yet

        WriteBucket(remote.JournalObjectName, "snapshot");
        Assert.Equal("_journal/shard-2-of-3.db", remote.JournalObjectName);
        Assert.True(await remote.RestoreJournalAsync(CancellationToken.None));
        var local = ShardedBatchLayout.JournalPath(_work.Path, Shard);
        Assert.Equal("snapshot", File.ReadAllText(local));

        File.WriteAllText(local, "newer local journal");
        Assert.False(await remote.RestoreJournalAsync(CancellationToken.None));
        Assert.Equal("newer local journal", File.ReadAllText(local));
    }

    [Fact]
    public async Task Status_and_merge_get_every_journal_snapshot_and_the_batch_identity_but_no_tiles()
    {
        using var remote = NewRemote();
        foreach (var name in new[] { "_journal/shard-0-of-3.db", "_journal/shard-2-of-3.db", "_journal/batch.json", "_journal/.journal-snapshot.tmp-1.db", "journal.db", "tile_a_0_0.npz" })
        {
            WriteBucket(name);
        }

        Assert.Equal(4, await remote.DownloadJournalsAsync(CancellationToken.None));

        var copied = Directory.GetFiles(_work.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_work.Path, f)).Order(StringComparer.Ordinal);
        Assert.Equal(["_journal/batch.json", "_journal/shard-0-of-3.db", "_journal/shard-2-of-3.db", BatchJournal.FileName], copied);
    }

    private RemoteOutput NewRemote() =>
        new(new LocalFolderStore(OutputLocation.ForLocalFolder(_bucket.Path)), _work.Path, Shard, null, Logger.None);

    private static RowResult Result(params string[] files) => new()
    {
        Tiles = files.Select((f, i) => JournalFixture.Record("a", 0, i) with { File = f }).ToList(),
        TilesRejected = 0,
        RejectedByReason = new Dictionary<string, int>(),
        DecisionsJson = "{}",
        BytesRead = 0,
        Requests = 0,
        Seconds = 0,
    };

    private void WriteWork(string name, string text)
    {
        var path = _work.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private void WriteBucket(string name, string? text = null)
    {
        var path = Path.Combine(_bucket.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text ?? name);
    }

    private string ReadBucket(string name) => File.ReadAllText(Path.Combine(_bucket.Path, name));
}
