using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Testing.Repository;

namespace Axion.TileBuilder.Pipeline.Tests.Tiles;

public class TileIndexTests
{
    /// <summary>Done rows out of id order, a row with awkward text, a failed and a pending row.</summary>
    internal static readonly JournalFixture.Row[] PinnedRows =
    [
        new("zulu", 2, RowState.Done, (0, 1), (0, 0), (1, 0)),
        new("mid", 3, RowState.Failed),
        new("odd \"q\", r", 4, RowState.Done, (0, 0)),
        new("late", 5, RowState.Pending),
        new("alpha", 6, RowState.Done, (1, 1), (0, 1)),
    ];

    private static string Golden(string name) =>
        Path.Combine(RepositoryFiles.Root, "tests", "Axion.TileBuilder.Pipeline.Tests", "Tiles", "Golden", name);

    [Fact]
    public void Write_gives_the_same_bytes_as_the_index_writer_before_streaming()
    {
        // Golden files: the output of the in-memory TileIndex.Write (before the streaming writer) on this journal.
        using var dir = new TempDirectory();
        JournalFixture.Write(dir.Path, PinnedRows);
        using (var journal = BatchJournal.Open(dir.Path, create: false))
        {
            Assert.Equal(6, TileIndex.Write(dir.Path, journal).Count);
        }

        if (Environment.GetEnvironmentVariable("AXION_WRITE_GOLDEN") == "1")
        {
            File.Copy(dir.File("index.csv"), Golden("index.csv"), overwrite: true);
            File.Copy(dir.File("index.geojson"), Golden("index.geojson"), overwrite: true);
        }

        Assert.Equal(File.ReadAllBytes(Golden("index.csv")), File.ReadAllBytes(dir.File("index.csv")));
        Assert.Equal(File.ReadAllBytes(Golden("index.geojson")), File.ReadAllBytes(dir.File("index.geojson")));
    }
}
