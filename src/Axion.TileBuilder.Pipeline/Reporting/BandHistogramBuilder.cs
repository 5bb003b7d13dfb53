using System.IO.Compression;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Datasets;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// Samples the bands of <c>.npz</c> tiles into fixed-range histograms (see <see cref="HistogramRange.All"/>): every
/// <see cref="ReportOptions.SampleStride"/>-th pixel of at most <see cref="ReportOptions.MaxHistogramTiles"/> tiles picked
/// evenly over the list. A key gets a histogram when a read tile holds it: the six default keys first (all six, empty, when
/// no tile could be read), then every other Sentinel-2 band of <c>--bands</c> in band order.
/// </summary>
public static class BandHistogramBuilder
{
    /// <summary>
    /// The histograms of the tiles <paramref name="tileNames"/> (names in <paramref name="dataset"/>), and how many tiles
    /// were read and how many could not be (missing, corrupt, or without one of <paramref name="requiredKeys"/>). Each read
    /// tile adds every known key it holds (<see cref="HistogramRange.All"/>). The picked tiles
    /// are read one at a time, in order (a store's tile is downloaded, read and deleted before the next). A default key
    /// no read tile held is left out when tiles were read (kept, empty, when none was).
    /// </summary>
    /// <param name="dataset">Where the tiles are.</param>
    /// <param name="tileNames">Every tile, enumerated once.</param>
    /// <param name="tileCount">How many <paramref name="tileNames"/> holds.</param>
    /// <param name="options">How many tiles, which pixels, how many bins.</param>
    /// <param name="requiredKeys">Keys every tile holds (<see cref="RecordedSettings.TileKeys"/>): a tile without one is unreadable.</param>
    /// <param name="cancellationToken">Stops between tiles.</param>
    public static async Task<(IReadOnlyList<BandHistogram> Histograms, int TilesRead, int TilesUnreadable)> BuildAsync(
        DatasetFiles dataset,
        IEnumerable<string> tileNames,
        int tileCount,
        ReportOptions options,
        IReadOnlyCollection<string> requiredKeys,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(tileNames);
        ArgumentNullException.ThrowIfNull(requiredKeys);
        var accumulators = HistogramRange.All.Select(r => new Accumulator(r, options.Bins)).ToArray();
        var read = 0;
        var unreadable = 0;
        foreach (var name in Pick(tileNames, tileCount, options.MaxHistogramTiles))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var local = await dataset.FetchAsync(name, cancellationToken);
            try
            {
                using var npz = NpzReader.Open(local.Path);
                if (requiredKeys.FirstOrDefault(k => !npz.Contains(k)) is { } absent)
                {
                    throw new KeyNotFoundException($"{name} has no array '{absent}'");
                }

                var bands = accumulators.Where(a => npz.Contains(a.Range.Key)).Select(a => (Accumulator: a, Values: npz.Get(a.Range.Key).AsFloat32())).ToArray();
                foreach (var (accumulator, values) in bands)
                {
                    accumulator.Add(values, options.SampleStride);
                }

                read++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or NpyFormatException or InvalidOperationException or KeyNotFoundException)
            {
                unreadable++;
            }
        }

        var shown = accumulators.Where(a => a.TilesAdded > 0 || (read == 0 && a.Range.IsDefault));
        return (shown.Select(a => a.ToHistogram()).ToArray(), read, unreadable);
    }

    /// <summary>At most <paramref name="max"/> items spread evenly over <paramref name="items"/> (all of them when fewer).</summary>
    internal static IEnumerable<string> Pick(IReadOnlyList<string> items, int max) => Pick(items, items.Count, max);

    /// <summary>
    /// At most <paramref name="max"/> of the <paramref name="count"/> items of a stream, spread evenly (item
    /// <c>floor(i * count / max)</c> for i = 0 .. max - 1; all of them when fewer), taken in one pass.
    /// </summary>
    internal static IEnumerable<T> Pick<T>(IEnumerable<T> items, int count, int max)
    {
        if (count <= max)
        {
            foreach (var item in items)
            {
                yield return item;
            }

            yield break;
        }

        var picked = 0;
        var position = 0L;
        foreach (var item in items)
        {
            if (picked == max)
            {
                yield break;
            }

            if (position == (long)picked * count / max)
            {
                picked++;
                yield return item;
            }

            position++;
        }
    }

    private sealed class Accumulator(HistogramRange range, int binCount)
    {
        private readonly long[] _bins = new long[binCount];
        private long _sampled;
        private long _nan;
        private long _below;
        private long _above;
        private double _sum;

        public HistogramRange Range { get; } = range;

        /// <summary>Tiles that held the band.</summary>
        public int TilesAdded { get; private set; }

        public void Add(float[] values, int stride)
        {
            TilesAdded++;
            var width = Range.Max - Range.Min;
            for (var i = 0; i < values.Length; i += stride)
            {
                _sampled++;
                double v = values[i];
                if (!double.IsFinite(v))
                {
                    _nan++;
                    continue;
                }

                _sum += v;
                if (v < Range.Min)
                {
                    _below++;
                }
                else if (v > Range.Max)
                {
                    _above++;
                }
                else
                {
                    var bin = (int)((v - Range.Min) / width * _bins.Length);
                    _bins[Math.Min(bin, _bins.Length - 1)]++;
                }
            }
        }

        public BandHistogram ToHistogram()
        {
            var finite = _sampled - _nan;
            return new BandHistogram
            {
                Range = Range,
                Bins = _bins.ToArray(),
                Sampled = _sampled,
                NaN = _nan,
                Below = _below,
                Above = _above,
                Mean = finite > 0 ? _sum / finite : null,
            };
        }
    }
}
