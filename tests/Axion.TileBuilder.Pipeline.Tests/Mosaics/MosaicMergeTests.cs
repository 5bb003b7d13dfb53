using Axion.TileBuilder.Pipeline.Mosaics;

namespace Axion.TileBuilder.Pipeline.Tests.Mosaics;

public sealed class MosaicMergeTests
{
    [Fact]
    public void Later_layers_fill_only_the_nodata_of_earlier_ones()
    {
        var first = new[] { 0.1f, float.NaN, 0.3f, float.NaN, float.NaN };
        var second = new[] { 0.9f, 0.2f, 0.9f, float.NaN, float.NaN };
        var third = new[] { 0.8f, 0.8f, 0.8f, 0.4f, float.NaN };

        var merged = MosaicMerge.Merge([first, second, third]);

        Assert.Equal([0.1f, 0.2f, 0.3f, 0.4f, float.NaN], merged);
    }

    [Fact]
    public void Scl_layers_treat_zero_as_nodata()
    {
        byte[] first = [4, 0, 9, 0];
        byte[] second = [5, 6, 4, 0];

        Assert.Equal([4, 6, 9, 0], MosaicMerge.Merge([first, second], 0));
    }

    [Fact]
    public void A_single_layer_is_returned_unchanged()
    {
        var only = new[] { 1f, float.NaN };
        Assert.Same(only, MosaicMerge.Merge([only]));
    }

    [Fact]
    public void Layers_of_different_sizes_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => MosaicMerge.Merge([new float[4], new float[5]]));
        Assert.Contains("5", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MosaicMerge.Merge(Array.Empty<byte[]>(), 0));
    }
}
