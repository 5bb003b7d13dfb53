using System.Buffers;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// Cuts a row's bands into tiles and writes each valid one atomically as
/// <c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;.npz</c> (keys <c>s1_vv s1_vh</c> and the Sentinel-2 keys of the selected bands,
/// by default <c>s2_b2 s2_b3 s2_b4 s2_b8</c>, float32, plus optional <c>s2_scl</c> and <c>valid</c>, and the <c>meta</c> JSON string).
/// </summary>
public sealed class TileWriter(string outDir, BuildOptions options)
{
    /// <summary>The keys of the six float32 arrays of a default tile, in file order (other bands: <see cref="BandSet.Keys"/>).</summary>
    public static readonly IReadOnlyList<string> BandKeys = TileKeys.For(Bands.BandSelection.Default);

    /// <summary>
    /// Tiles of one row written at once: the cores left to each of the <paramref name="workers"/> rows running at the same
    /// time (at least 1), so workers x tiles in parallel stays within the machine's cores instead of multiplying them.
    /// </summary>
    /// <param name="workers">Rows in parallel (<c>--workers</c>).</param>
    /// <param name="processors">Cores of the machine (<see cref="Environment.ProcessorCount"/>).</param>
    public static int Parallelism(int workers, int processors) => Math.Max(1, processors / Math.Max(1, workers));

    /// <summary>
    /// Tiles of a row whose Sentinel-2 arrays are deflated ahead at most (<see cref="DeflateAhead"/>; the others' are
    /// deflated when written): 16, about 10 MB of entries for the four default bands at the default level.
    /// </summary>
    public const int MaxTilesAhead = 16;

    /// <summary>
    /// Writes every tile whose valid fraction reaches the threshold; returns them (in row-major tile order) and the
    /// rejection counts by reason. Tiles are cut, compressed and written in parallel (each tile is independent), on
    /// <see cref="Parallelism"/> threads.
    /// </summary>
    public (IReadOnlyList<TileRecord> Tiles, IReadOnlyDictionary<string, int> Rejected) WriteAll(BandSet bands, TileContext context, CancellationToken cancellationToken) =>
        WriteAll(bands, context, Select(bands, context.Grid), null, cancellationToken);

    /// <summary>Which tiles of <paramref name="bands"/> <see cref="WriteAll(BandSet, TileContext, TileSelection, TileEntriesAhead?, CancellationToken)"/> writes.</summary>
    public TileSelection Select(BandSet bands, AoiGrid grid) => TileSelection.Of(bands, grid, options.Selection.MinValid, Parallelism(options.Workers, Environment.ProcessorCount));

    /// <summary>
    /// Writes the tiles <paramref name="selection"/> selects, with the Sentinel-2 entries <paramref name="ahead"/> holds
    /// instead of deflating them again; returns them (row-major) and the rejection counts by reason. Tiles are cut,
    /// compressed and written in parallel on <see cref="Parallelism"/> threads.
    /// </summary>
    public (IReadOnlyList<TileRecord> Tiles, IReadOnlyDictionary<string, int> Rejected) WriteAll(
        BandSet bands, TileContext context, TileSelection selection, TileEntriesAhead? ahead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var grid = context.Grid;
        var written = selection.Written;
        var tiles = new TileRecord[written.Count];
        try
        {
            Parallel.For(
                0,
                tiles.Length,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Parallelism(options.Workers, Environment.ProcessorCount) },
                i =>
                {
                    var (tr, tc) = written[i];
                    tiles[i] = WriteOne(bands, context, tr, tc, selection.FractionAt(tr, tc), ahead?.For(grid, tr, tc));
                });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Callers classify the failure (a full disk is an IOException): hand on the first one as itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }

        var rejected = new Dictionary<string, int>(StringComparer.Ordinal);
        if (selection.Rejected > 0)
        {
            rejected["valid_fraction_below_min"] = selection.Rejected;
        }

        return (tiles, rejected);
    }

    /// <summary>
    /// Cuts and deflates the Sentinel-2 arrays of the first <see cref="MaxTilesAhead"/> tiles of a row ahead of the rest of
    /// its data (the build does it while the Sentinel-1 windows are read), in parallel on <see cref="Parallelism"/> threads.
    /// The tiles are written with them later whichever are selected; the bytes are those a tile written at once has.
    /// </summary>
    /// <param name="s2">The masked reflectance of <paramref name="s2Bands"/> on the AOI grid, in tile order.</param>
    /// <param name="s2Bands">The bands (<c>--bands</c>).</param>
    /// <param name="grid">The row's grid.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public TileEntriesAhead DeflateAhead(IReadOnlyList<float[]> s2, IReadOnlyList<Bands.SpectralBand> s2Bands, AoiGrid grid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s2Bands);
        ArgumentNullException.ThrowIfNull(grid);
        var tiles = Math.Min(grid.TilesX * grid.TilesY, MaxTilesAhead);
        var size = grid.TileSize;
        var entries = new NpzEntry[tiles][];
        for (var t = 0; t < tiles; t++)
        {
            entries[t] = new NpzEntry[s2.Count];
        }

        Parallel.For(
            0,
            tiles * s2.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Parallelism(options.Workers, Environment.ProcessorCount) },
            j =>
            {
                var (t, b) = (j / s2.Count, j % s2.Count);
                var window = grid.TileWindow(t / grid.TilesX, t % grid.TilesX);
                var cut = ArrayPool<float>.Shared.Rent(size * size);
                try
                {
                    Cut(s2[b], grid.Width, window.XOff, window.YOff, size, cut);
                    entries[t][b] = NpzWriter.Prepare(s2Bands[b].Key, cut.AsMemory(0, size * size), options.TileCompressionLevel, size, size);
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(cut);
                }
            });
        return new TileEntriesAhead(entries);
    }

    /// <summary>Cuts and writes one tile of valid fraction <paramref name="validFraction"/>, with its Sentinel-2 entries written ahead when given.</summary>
    private TileRecord WriteOne(BandSet bands, TileContext context, int tr, int tc, double validFraction, IReadOnlyList<NpzEntry>? s2Ahead)
    {
        var grid = context.Grid;
        var size = grid.TileSize;
        float[][] sources = [bands.S1Vv, bands.S1Vh, .. bands.S2];
        var cut = new float[sources.Length][];
        var window = grid.TileWindow(tr, tc);

        // The cut arrays come from the shared pool (a tile's are 6 x 256 KB, large-object-heap arrays otherwise allocated
        // and zeroed per tile), except for a GeoTIFF copy, which is written from arrays of the tile's exact length.
        var pooled = !options.GeoTiff;
        for (var b = 0; b < sources.Length; b++)
        {
            if (b >= 2 && s2Ahead is not null && !options.GeoTiff && !options.IncludeValidMask)
            {
                continue; // deflated ahead, and nothing else needs the cut
            }

            cut[b] = pooled ? ArrayPool<float>.Shared.Rent(size * size) : new float[size * size];
            Cut(sources[b], grid.Width, window.XOff, window.YOff, size, cut[b]);
        }

        try
        {
            return WriteFiles(bands, context, tr, tc, validFraction, cut, s2Ahead);
        }
        finally
        {
            if (pooled)
            {
                foreach (var array in cut.OfType<float[]>())
                {
                    ArrayPool<float>.Shared.Return(array);
                }
            }
        }
    }

    /// <summary>Writes one tile's npz (and GeoTIFF copy) from its cut arrays (the pooled ones may be longer than the tile).</summary>
    private TileRecord WriteFiles(BandSet bands, TileContext context, int tr, int tc, double validFraction, float[][] cut, IReadOnlyList<NpzEntry>? s2Ahead)
    {
        var grid = context.Grid;
        var size = grid.TileSize;
        var pixels = size * size;
        var keys = bands.Keys;
        var window = grid.TileWindow(tr, tc);
        var record = TileMetadata.Record(context, tr, tc, validFraction);
        var path = Path.Combine(outDir, record.File);
        var tempFolder = AtomicRename.TempFolderOf(outDir); // temporary files never land among the tiles (RowFileCleanup)
        using (var npz = NpzWriter.Create(path, options.TileCompressionLevel, tempFolder))
        {
            for (var b = 0; b < cut.Length; b++)
            {
                if (b >= 2 && s2Ahead is not null)
                {
                    npz.Add(s2Ahead[b - 2]);
                }
                else
                {
                    npz.Add(keys[b], cut[b].AsSpan(0, pixels), size, size);
                }
            }

            if (options.IncludeScl)
            {
                var scl = new byte[pixels];
                Cut(bands.Scl, grid.Width, window.XOff, window.YOff, size, scl);
                npz.Add("s2_scl", scl, size, size);
            }

            if (options.IncludeValidMask)
            {
                var valid = new byte[pixels];
                for (var p = 0; p < valid.Length; p++)
                {
                    valid[p] = TileSelection.IsValid(cut, p) ? (byte)1 : (byte)0;
                }

                npz.Add("valid", valid, size, size);
            }

            npz.AddString("meta", TileMetadata.Json(context, record).ToJsonString());
            npz.Commit();
        }

        if (options.GeoTiff)
        {
            TileGeoTiff.Write(TileNames.GeoTiffCopyOf(path), cut, keys, record, tempFolder);
        }

        return record;
    }

    private static void Cut<T>(T[] source, int sourceWidth, int x0, int y0, int size, T[] destination)
    {
        for (var r = 0; r < size; r++)
        {
            Array.Copy(source, ((y0 + r) * sourceWidth) + x0, destination, r * size, size);
        }
    }
}
