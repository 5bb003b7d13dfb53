using System.Text;
using Axion.TileBuilder.Pipeline.Datasets;
using Axion.TileBuilder.Pipeline.Merging;
using Axion.TileBuilder.Pipeline.Reporting;
using Axion.TileBuilder.Pipeline.Tests.Reporting;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Pipeline.Validation;

namespace Axion.TileBuilder.Pipeline.Tests.Datasets;

/// <summary>
/// <c>validate</c> and <c>report</c> of a dataset in an object store (a local-folder store calling itself
/// <c>az://bucket/run1</c>; the same calls run against Azurite in the CLI's end-to-end tests): the same findings as for
/// the folder itself, with at most one downloaded tile per worker on local disk and nothing left behind.
/// </summary>
public sealed class StoredDatasetFilesTests : IDisposable
{
    private const string Url = "az://bucket/run1";
    private static readonly ValidationOptions Options = new() { MaxListed = 0, MaxParallelism = 2 };
    private static readonly DateTimeOffset Now = new(2025, 3, 2, 8, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _bucket = new();

    public void Dispose() => _bucket.Dispose();

    [Fact]
    public async Task A_merged_dataset_in_a_store_validates_as_the_folder_does_with_at_most_one_tile_per_worker_on_local_disk()
    {
        ShardedDataset.Create(_bucket.Path, complete: true);
        DatasetMerger.Merge(_bucket.Path, CancellationToken.None);
        var local = DatasetValidator.Validate(_bucket.Path, Options, CancellationToken.None);
        var store = new RecordingStore(_bucket.Path, Url);
        string temp;
        ValidationReport remote;
        using (var dataset = new StoredDatasetFiles(store))
        {
            temp = dataset.TempFolder;
            remote = await DatasetValidator.ValidateAsync(dataset, Options, CancellationToken.None);
            Assert.Empty(Directory.EnumerateFiles(temp, "*.npz", SearchOption.AllDirectories)); // each tile deleted once checked
        }

        Assert.True(remote.Passed, string.Join("\n", remote.Violations));
        Assert.Equal(Url, remote.Directory);
        Assert.Equal(8, remote.FilesChecked);
        Assert.True(remote.JournalChecked);
        Assert.True(remote.IndexChecked);
        Assert.Equal((local.FilesChecked, local.FilesOk, local.WarningCount), (remote.FilesChecked, remote.FilesOk, remote.WarningCount));
        Assert.Equal(local.LowestFiniteFraction, remote.LowestFiniteFraction);
        Assert.InRange(store.MostTilesAtOnce, 1, Options.MaxParallelism);
        Assert.Equal(8, store.Downloads.Count(n => n.EndsWith(".npz", StringComparison.Ordinal)));
        Assert.Contains("_journal/shard-2-of-3.db", store.Downloads);
        Assert.Contains("index.csv", store.Downloads);
        Assert.False(Directory.Exists(temp), "the temporary folder must be deleted with the dataset");
    }

    [Fact]
    public async Task A_corrupt_and_a_missing_tile_in_a_store_are_violations_naming_the_objects_not_the_local_copies()
    {
        ShardedDataset.Create(_bucket.Path, complete: true);
        DatasetMerger.Merge(_bucket.Path, CancellationToken.None);
        File.Delete(_bucket.File("tile_golf_0_0.npz"));
        var victim = _bucket.File("tile_alpha_0_0.npz");
        var bytes = await File.ReadAllBytesAsync(victim);
        for (var i = bytes.Length / 3; i < bytes.Length / 3 + 64; i++)
        {
            bytes[i] ^= 0x5A;
        }

        await File.WriteAllBytesAsync(victim, bytes);
        using var dataset = new StoredDatasetFiles(new RecordingStore(_bucket.Path, Url));

        var report = await DatasetValidator.ValidateAsync(dataset, Options, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Equal(
            [("tile_alpha_0_0.npz", ValidationChecks.Unreadable), ("tile_golf_0_0.npz", ValidationChecks.IndexMissing), ("tile_golf_0_0.npz", ValidationChecks.Missing)],
            report.Violations.Select(v => (v.File, v.Check)));
        Assert.Contains($"'{Url}/tile_alpha_0_0.npz' is corrupt", report.Violations[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(dataset.TempFolder, report.Violations[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_location_holding_no_dataset_is_refused_naming_it()
    {
        using var dataset = new StoredDatasetFiles(new RecordingStore(_bucket.Path, Url));

        var ex = await Assert.ThrowsAsync<DatasetFolderException>(() => DatasetValidator.ValidateAsync(dataset, Options, CancellationToken.None));

        Assert.Contains($"there is no dataset at {Url}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_of_a_dataset_in_a_store_is_the_folders_report_uploaded_next_to_the_tiles()
    {
        ReportDataset.Create(_bucket.Path);
        var local = ReportGenerator.Generate(_bucket.Path, new ReportOptions(), new FixedClock(Now), CancellationToken.None);
        var localHtml = await File.ReadAllTextAsync(local.Path);
        File.Delete(local.Path);
        var store = new RecordingStore(_bucket.Path, Url);
        string temp;
        ReportResult remote;
        using (var dataset = new StoredDatasetFiles(store))
        {
            temp = dataset.TempFolder;
            remote = await ReportGenerator.GenerateAsync(dataset, new ReportOptions(), new FixedClock(Now), CancellationToken.None);
        }

        Assert.Equal(Url + "/report.html", remote.Path);
        var uploaded = await File.ReadAllTextAsync(_bucket.File("report.html"), Encoding.UTF8);
        Assert.Equal(localHtml.Replace(_bucket.Path, Url, StringComparison.Ordinal), uploaded);
        Assert.Contains("<img class=\"ql\" src=\"quicklooks/alpha.png\"", uploaded, StringComparison.Ordinal);
        Assert.Equal((2, 2, 0), (remote.Report.TilesListed, remote.Report.TilesSampled, remote.Report.TilesUnreadable));
        Assert.Equal(1, store.MostTilesAtOnce); // the sampled tiles are read one at a time
        Assert.False(Directory.Exists(temp));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
