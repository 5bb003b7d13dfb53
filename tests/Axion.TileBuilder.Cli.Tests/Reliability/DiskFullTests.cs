using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Testing.FileSystem;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// An out dir on a 2.5 MiB tmpfs (room for the journal, two tiles of about 0.9 MB and part of a third, whatever the
/// compression level: a tile write, not the journal's commit, meets the full disk): rows fail cleanly as environment failures,
/// no truncated tile is left, the journal stays sound, and after the disk is enlarged <c>resume</c> completes.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DiskFullTests(ReliabilityFixture fixture)
{
    [Fact]
    public async Task A_full_disk_fails_rows_cleanly_and_resume_completes_once_there_is_room()
    {
        using var disk = TmpfsMount.Create(fixture.NewDir("rel-disk"), sizeKb: 5 * 512);
        var outDir = Path.Combine(disk.Path, "out");

        var full = await CliHarness.RunAsync([.. fixture.BuildArgs(TestPaths.SampleCsv, outDir, fixture.CleanServer, workers: 1)]);
        Assert.True(full.ExitCode == ExitCodes.FinishedWithFailures, full.ToString());

        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            var failed = journal.List(RowState.Failed);
            Assert.NotEmpty(failed);
            Assert.All(failed, r =>
            {
                Assert.Equal(FailureKind.Environment, r.FailureKind);
                Assert.True(r.Message!.Contains("No space left on device", StringComparison.OrdinalIgnoreCase), $"{r.RowId}: {r.Reason}: {r.Message}");
            });
            Assert.All(journal.List(RowState.Done), r => Assert.All(r.Outcome!.Files, f => Assert.True(File.Exists(Path.Combine(outDir, f)), f)));
        }

        AssertEveryTileLoads(outDir);
        Assert.Empty(Directory.GetFiles(outDir, "*tmp*", SearchOption.AllDirectories));

        disk.Resize(64 * 1024);
        var resume = await CliHarness.RunAsync("resume", "--out", outDir, "--retry-all-failed");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        using (var journal = BatchJournal.Open(outDir, create: false))
        {
            Assert.Empty(journal.CheckIntegrity());
            Assert.Equal(3, journal.Summarize().Count(RowState.Done));
        }

        TileSnapshot.AssertEqual(fixture.SampleReference, TileSnapshot.Read(outDir));
        Assert.Empty(Directory.GetFiles(outDir, "*tmp*", SearchOption.AllDirectories));
    }

    /// <summary>Every tile file present is complete: it opens and each array has its full 256 x 256 payload.</summary>
    private static void AssertEveryTileLoads(string dir)
    {
        foreach (var file in Directory.GetFiles(dir, "tile_*.npz"))
        {
            using var npz = NpzReader.Open(file);
            foreach (var key in npz.Keys.Where(k => k != "meta"))
            {
                var array = npz.Get(key);
                Assert.Equal([256, 256], array.Shape);
                Assert.Equal(256 * 256 * 4, array.RawData.Length);
            }

            Assert.StartsWith("{", npz.Get("meta").AsString(), StringComparison.Ordinal);
        }
    }
}
