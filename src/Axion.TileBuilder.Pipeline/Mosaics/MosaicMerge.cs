namespace Axion.TileBuilder.Pipeline.Mosaics;

/// <summary>
/// Merges the reads of the items of one acquisition, all on the same AOI grid: the first layer's valid pixels are
/// kept and every later layer only fills the pixels still without data. Pure.
/// </summary>
public static class MosaicMerge
{
    /// <summary>Merges float layers (NaN = no data) into the first one, in order; returns the first.</summary>
    public static float[] Merge(IReadOnlyList<float[]> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var result = First(layers);
        for (var l = 1; l < layers.Count; l++)
        {
            var next = Check(layers[l], result.Length);
            for (var i = 0; i < result.Length; i++)
            {
                if (float.IsNaN(result[i]))
                {
                    result[i] = next[i];
                }
            }
        }

        return result;
    }

    /// <summary>Merges byte layers (e.g. SCL) whose no-data value is <paramref name="noData"/> into the first one; returns the first.</summary>
    public static byte[] Merge(IReadOnlyList<byte[]> layers, byte noData)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var result = First(layers);
        for (var l = 1; l < layers.Count; l++)
        {
            var next = Check(layers[l], result.Length);
            for (var i = 0; i < result.Length; i++)
            {
                if (result[i] == noData)
                {
                    result[i] = next[i];
                }
            }
        }

        return result;
    }

    private static T[] First<T>(IReadOnlyList<T[]> layers) =>
        layers.Count > 0 ? layers[0] : throw new ArgumentException("A mosaic needs at least one layer.", nameof(layers));

    private static T[] Check<T>(T[] layer, int length) =>
        layer.Length == length ? layer : throw new ArgumentException($"A mosaic layer has {layer.Length} pixels, the first has {length}.", nameof(layer));
}
