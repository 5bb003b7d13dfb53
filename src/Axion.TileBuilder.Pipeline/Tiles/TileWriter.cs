using System.Globalization;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>
/// Cuts a row's bands into tiles and writes each valid one atomically as
/// <c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;.npz</c> (keys <c>s1_vv s1_vh s2_b2 s2_b3 s2_b4 s2_b8</c>,
/// float32, plus optional <c>s2_scl</c> and <c>valid</c>, and the <c>meta</c> JSON string).
/// </summary>
public sealed class TileWriter(string outDir, BuildOptions options)
{
    /// <summary>The keys of the six float32 arrays, in file order.</summary>
    public static readonly IReadOnlyList<string> BandKeys = ["s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8"];

    /// <summary>Writes every tile whose valid fraction reaches the threshold; returns them and the rejection counts by reason.</summary>
    public (IReadOnlyList<TileRecord> Tiles, IReadOnlyDictionary<string, int> Rejected) WriteAll(BandSet bands, TileContext context, CancellationToken cancellationToken)
    {
        var grid = context.Grid;
        var size = grid.TileSize;
        var tiles = new List<TileRecord>();
        var rejected = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new[] { bands.S1Vv, bands.S1Vh, bands.S2[0], bands.S2[1], bands.S2[2], bands.S2[3] };
        var cut = new float[sources.Length][];
        for (var i = 0; i < cut.Length; i++)
        {
            cut[i] = new float[size * size];
        }

        var scl = new byte[size * size];
        var valid = new byte[size * size];
        for (var tr = 0; tr < grid.TilesY; tr++)
        {
            for (var tc = 0; tc < grid.TilesX; tc++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var window = grid.TileWindow(tr, tc);
                for (var b = 0; b < sources.Length; b++)
                {
                    Cut(sources[b], grid.Width, window.XOff, window.YOff, size, cut[b]);
                }

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
                    var reason = "valid_fraction_below_min";
                    rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
                    continue;
                }

                var record = TileMetadata.Record(context, tr, tc, validFraction);
                var path = Path.Combine(outDir, record.File);
                using (var npz = NpzWriter.Create(path, options.Compressed))
                {
                    for (var b = 0; b < cut.Length; b++)
                    {
                        npz.Add(BandKeys[b], cut[b], size, size);
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

                tiles.Add(record);
            }
        }

        return (tiles, rejected);
    }

    private static void Cut<T>(T[] source, int sourceWidth, int x0, int y0, int size, T[] destination)
    {
        for (var r = 0; r < size; r++)
        {
            Array.Copy(source, ((y0 + r) * sourceWidth) + x0, destination, r * size, size);
        }
    }
}

/// <summary>The metadata of a tile: the index record and the <c>meta</c> JSON string embedded in the file.</summary>
public static class TileMetadata
{
    /// <summary>Version of the meta JSON layout.</summary>
    public const int SchemaVersion = 1;

    public static TileRecord Record(TileContext context, int tileRow, int tileCol, double validFraction)
    {
        var grid = context.Grid;
        var b = grid.TileBounds(tileRow, tileCol);
        var window = grid.TileWindow(tileRow, tileCol);
        var corners = new[]
        {
            grid.CornerLonLat(window.XOff, window.YOff),
            grid.CornerLonLat(window.XOff + window.Width, window.YOff),
            grid.CornerLonLat(window.XOff + window.Width, window.YOff + window.Height),
            grid.CornerLonLat(window.XOff, window.YOff + window.Height),
            grid.CornerLonLat(window.XOff, window.YOff),
        };
        return new TileRecord
        {
            File = TileNames.FileName(context.Row.Id, tileRow, tileCol),
            RowId = context.Row.Id,
            TileRow = tileRow,
            TileCol = tileCol,
            Epsg = grid.Epsg,
            Bounds = [b.MinX, b.MinY, b.MaxX, b.MaxY],
            FootprintLonLat = corners.Select(p => new[] { Math.Round(p.Longitude, 8), Math.Round(p.Latitude, 8) }).ToArray(),
            S2ItemId = context.S2Item.Id,
            S2Datetime = context.S2Item.Datetime,
            S1ItemId = context.S1Item.Id,
            S1Datetime = context.S1Item.Datetime,
            DeltaDays = Math.Round(context.DeltaDays, 4),
            ValidFraction = Math.Round(validFraction, 6),
            SceneCloudCover = context.S2Item.CloudCover,
            AoiClearFraction = Math.Round(context.AoiClearFraction, 4),
            OffsetRule = context.OffsetRule,
        };
    }

    public static JsonObject Json(TileContext context, TileRecord record)
    {
        var inv = CultureInfo.InvariantCulture;
        var grid = context.Grid;
        var footprint = new JsonArray();
        foreach (var p in record.FootprintLonLat)
        {
            footprint.Add(new JsonArray(p[0], p[1]));
        }

        var lons = record.FootprintLonLat.Select(p => p[0]).ToArray();
        var lats = record.FootprintLonLat.Select(p => p[1]).ToArray();
        return new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["row_id"] = record.RowId,
            ["tile_row"] = record.TileRow,
            ["tile_col"] = record.TileCol,
            ["location"] = new JsonObject { ["lat"] = context.Row.Latitude, ["lon"] = context.Row.Longitude },
            ["crs"] = string.Create(inv, $"EPSG:{record.Epsg}"),
            ["geotransform"] = new JsonArray(grid.TileGeoTransform(record.TileRow, record.TileCol).Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["width"] = grid.TileSize,
            ["height"] = grid.TileSize,
            ["bounds"] = new JsonArray(record.Bounds.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            ["lonlat_bounds"] = new JsonArray(lons.Min(), lats.Min(), lons.Max(), lats.Max()),
            ["footprint_lonlat"] = footprint,
            ["s2_item"] = record.S2ItemId,
            ["s2_datetime"] = record.S2Datetime.ToString("O", inv),
            ["s2_collection"] = context.S2Item.Collection,
            ["s2_processing_baseline"] = context.S2Item.ProcessingBaseline,
            ["s2_cloud_cover"] = context.S2Item.CloudCover,
            ["aoi_clear_fraction"] = Math.Round(context.AoiClearFraction, 4),
            ["s1_item"] = record.S1ItemId,
            ["s1_datetime"] = record.S1Datetime.ToString("O", inv),
            ["s1_collection"] = context.S1Item.Collection,
            ["delta_days"] = record.DeltaDays,
            ["offset_rule"] = record.OffsetRule,
            ["valid_fraction"] = record.ValidFraction,
            ["units"] = new JsonObject
            {
                ["s2"] = "surface reflectance (0-1), NaN = no data or masked by SCL",
                ["s1"] = "gamma0 backscatter in dB (10*log10 of linear power), NaN = no data",
            },
            ["tool"] = "axion-tiles",
            ["tool_version"] = context.ToolVersion,
        };
    }
}
