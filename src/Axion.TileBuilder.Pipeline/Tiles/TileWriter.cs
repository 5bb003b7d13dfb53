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
    /// Writes every tile whose valid fraction reaches the threshold; returns them (in row-major tile order) and the
    /// rejection counts by reason. Tiles are cut, compressed and written in parallel (each tile is independent), on
    /// <see cref="Parallelism"/> threads.
    /// </summary>
    public (IReadOnlyList<TileRecord> Tiles, IReadOnlyDictionary<string, int> Rejected) WriteAll(BandSet bands, TileContext context, CancellationToken cancellationToken)
    {
        var grid = context.Grid;
        var outcomes = new TileRecord?[grid.TilesY * grid.TilesX];
        try
        {
            Parallel.For(
                0,
                outcomes.Length,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Parallelism(options.Workers, Environment.ProcessorCount) },
                i => outcomes[i] = WriteOne(bands, context, i / grid.TilesX, i % grid.TilesX));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Callers classify the failure (a full disk is an IOException): hand on the first one as itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }

        var tiles = outcomes.OfType<TileRecord>().ToList();
        var rejected = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tiles.Count < outcomes.Length)
        {
            rejected["valid_fraction_below_min"] = outcomes.Length - tiles.Count;
        }

        return (tiles, rejected);
    }

    /// <summary>Cuts and writes one tile; null when its valid fraction is below the threshold.</summary>
    private TileRecord? WriteOne(BandSet bands, TileContext context, int tr, int tc)
    {
        var grid = context.Grid;
        var size = grid.TileSize;
        float[][] sources = [bands.S1Vv, bands.S1Vh, .. bands.S2];
        var keys = bands.Keys;
        var cut = new float[sources.Length][];
        var window = grid.TileWindow(tr, tc);
        for (var b = 0; b < sources.Length; b++)
        {
            cut[b] = new float[size * size];
            Cut(sources[b], grid.Width, window.XOff, window.YOff, size, cut[b]);
        }

        var scl = new byte[size * size];
        var valid = new byte[size * size];
        Cut(bands.Scl, grid.Width, window.XOff, window.YOff, size, scl);
        var validCount = 0;
        for (var p = 0; p < valid.Length; p++)
        {
            var ok = true;
            for (var b = 0; b < cut.Length && ok; b++)
            {
                ok = float.IsFinite(cut[b][p]);
            }

            valid[p] = ok ? (byte)1 : (byte)0;
            validCount += valid[p];
        }

        var validFraction = (double)validCount / valid.Length;
        if (validFraction < options.Selection.MinValid)
        {
            return null;
        }

        var record = TileMetadata.Record(context, tr, tc, validFraction);
        var path = Path.Combine(outDir, record.File);
        var tempFolder = AtomicRename.TempFolderOf(outDir); // temporary files never land among the tiles (RowFileCleanup)
        using (var npz = NpzWriter.Create(path, options.TileCompressionLevel, tempFolder))
        {
            for (var b = 0; b < cut.Length; b++)
            {
                npz.Add(keys[b], cut[b], size, size);
            }

            if (options.IncludeScl)
            {
                npz.Add("s2_scl", scl, size, size);
            }

            if (options.IncludeValidMask)
            {
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
