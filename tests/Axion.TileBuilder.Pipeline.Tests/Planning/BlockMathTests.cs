using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

public sealed class BlockMathTests
{
    [Theory]
    [InlineData(0, 0, 512, 512, 512, 0, 0, 0, 0)] // exactly one block
    [InlineData(0, 0, 513, 512, 512, 0, 0, 1, 0)] // one pixel into the next column of blocks
    [InlineData(883, 889, 512, 512, 1024, 0, 0, 1, 1)] // the demo's 10 m window over 1024-px blocks: 2 x 2
    [InlineData(1024, 2048, 1024, 1, 1024, 1, 2, 1, 2)] // window starting on a block edge
    [InlineData(700, 700, 512, 512, 512, 1, 1, 2, 2)]
    [InlineData(5000, 10, 2000, 30, 1024, 4, 0, 6, 0)]
    public void Touched_blocks_cover_the_window(int x, int y, int w, int h, int block, int c0, int r0, int c1, int r1)
    {
        var span = BlockMath.TouchedBlocks(new PixelWindow(x, y, w, h), block, block);
        Assert.Equal(new BlockSpan(c0, r0, c1, r1), span);
        Assert.Equal((c1 - c0 + 1) * (r1 - r0 + 1), span.Count);
        Assert.Equal(span.Count, span.Blocks().Count());
    }

    [Fact]
    public void Touched_blocks_use_width_and_height_separately()
    {
        var span = BlockMath.TouchedBlocks(new PixelWindow(100, 100, 300, 300), 256, 64);
        Assert.Equal(new BlockSpan(0, 1, 1, 6), span);
        Assert.Equal([(0, 1), (1, 1), (0, 2)], span.Blocks().Take(3).ToArray());
    }

    [Fact]
    public void Empty_window_or_bad_block_size_is_refused_with_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BlockMath.TouchedBlocks(new PixelWindow(0, 0, 0, 5), 256, 256));
        Assert.Contains("Width = 0", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockMath.TouchedBlocks(new PixelWindow(0, 0, 5, 5), 0, 256));
    }

    [Fact]
    public void Consecutive_ranges_merge_and_gaps_split()
    {
        // Blocks of one row of tiles are consecutive in the file; the next row starts elsewhere.
        var merged = BlockMath.MergeConsecutive(
        [
            new ByteRange(5000, 100), // out of order on purpose
            new ByteRange(1000, 200),
            new ByteRange(1200, 300), // starts where the previous ends: merged
            new ByteRange(1501, 10), // one byte gap: separate
            new ByteRange(5100, 0), // empty (sparse) block: dropped
        ]);
        Assert.Equal([new ByteRange(1000, 500), new ByteRange(1501, 10), new ByteRange(5000, 100)], merged);
    }

    [Fact]
    public void Overlapping_ranges_merge_into_their_union()
    {
        var merged = BlockMath.MergeConsecutive([new ByteRange(0, 100), new ByteRange(50, 20), new ByteRange(90, 30)]);
        Assert.Equal([new ByteRange(0, 120)], merged);
    }

    [Theory]
    [InlineData(100, 50, 200, 200, 0)] // ends before: nothing left
    [InlineData(100, 150, 200, 200, 50)] // straddles: the tail
    [InlineData(300, 10, 200, 300, 10)] // after: untouched
    public void After_keeps_the_part_beyond_a_position(long offset, long length, long from, long expectedOffset, long expectedLength)
    {
        var after = BlockMath.After(new ByteRange(offset, length), from);
        Assert.Equal(expectedLength, after.Length);
        if (expectedLength > 0)
        {
            Assert.Equal(expectedOffset, after.Offset);
        }
    }
}
