using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

public sealed class CogReadModelTests
{
    [Theory]
    [InlineData(null, 10_000_000L, 65536L)] // unknown first block (overviews): the ingested 64 KiB
    [InlineData(4000L, 10_000_000L, 65536L)] // small header: still 64 KiB are read at open
    [InlineData(200_000L, 10_000_000L, 200_000L)] // header beyond 64 KiB: up to the first block
    [InlineData(null, 40_000L, 40_000L)] // file smaller than 64 KiB
    public void Header_bytes(long? firstData, long fileEnd, long expected) =>
        Assert.Equal(expected, CogReadModel.HeaderBytes(firstData, fileEnd));

    [Fact]
    public void Two_by_two_blocks_in_two_rows_are_two_ranges()
    {
        // 2 x 2 blocks of a 4-column tiling: (1,1),(2,1) adjacent in the file, (1,2),(2,2) adjacent.
        var blocks = new[]
        {
            new ByteRange(1_000_000, 300_000), new ByteRange(1_300_000, 250_000),
            new ByteRange(2_000_000, 100_000), new ByteRange(2_100_000, 120_000),
        };
        var estimate = CogReadModel.Estimate(blocks, 65536);
        Assert.Equal(4, estimate.BlocksTouched);
        Assert.Equal(770_000, estimate.BlockBytes);
        Assert.Equal(2, estimate.Ranges);
        Assert.Equal(2 + 2, estimate.Requests); // HEAD + header GET + 2 range GETs
        Assert.Equal(65536 + 770_000, estimate.Bytes);
    }

    [Fact]
    public void Block_bytes_inside_the_header_are_not_counted_twice()
    {
        var blocks = new[] { new ByteRange(30_000, 20_000), new ByteRange(60_000, 10_000), new ByteRange(90_000, 5_000) };
        var estimate = CogReadModel.Estimate(blocks, 65536);

        // First block lies inside the 64 KiB, the second straddles it (4464 bytes beyond), the third is beyond.
        Assert.Equal(70_000 - 65536 + 5_000, estimate.BlockBytes);
        Assert.Equal(2, estimate.Ranges);
        Assert.Equal(4, estimate.Requests);
    }

    [Fact]
    public void No_blocks_cost_the_head_and_the_header()
    {
        var estimate = CogReadModel.Estimate([], 65536);
        Assert.Equal(65536, estimate.Bytes);
        Assert.Equal(2, estimate.Requests);
        Assert.Equal(0, estimate.Ranges);
    }

    [Theory]
    [InlineData(100_000_000L, 0L, 50.0, 50.0, 4, 2.0)] // bytes only: 100 MB at 50 MB/s
    [InlineData(0L, 400L, 50.0, 50.0, 4, 5.0)] // requests only: 400 x 50 ms / 4 workers
    [InlineData(50_000_000L, 100L, 25.0, 100.0, 1, 12.0)] // 2 s + 10 s
    public void Build_duration_model(long bytes, long requests, double mbps, double latencyMs, int workers, double expected) =>
        Assert.Equal(expected, BuildDuration.Seconds(bytes, requests, mbps, latencyMs, workers), 9);
}
