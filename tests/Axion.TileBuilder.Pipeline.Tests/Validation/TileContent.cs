using System.Globalization;
using System.Text.Json.Nodes;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Tests.Validation;

/// <summary>
/// The arrays and meta of one tile as <see cref="TileWriter"/> writes them, with realistic values,
/// editable by a test before <see cref="Write"/>.
/// </summary>
internal sealed class TileContent
{
    public const int Size = 256;

    private TileContent(string rowId, int tileRow, int tileCol)
    {
        RowId = rowId;
        TileRow = tileRow;
        TileCol = tileCol;
    }

    public string RowId { get; }

    public int TileRow { get; }

    public int TileCol { get; }

    /// <summary>The six float32 bands by key, in <see cref="TileWriter.BandKeys"/> order; keys a test adds (<c>s2_b5</c>) are written after them.</summary>
    public Dictionary<string, float[]> Bands { get; } = new(StringComparer.Ordinal);

    /// <summary>Bands written as int16 instead (a wrong dtype).</summary>
    public Dictionary<string, short[]> Int16Bands { get; } = new(StringComparer.Ordinal);

    public byte[] Scl { get; } = new byte[Size * Size];

    public JsonObject Meta { get; private set; } = [];

    /// <summary>When set, written as the <c>meta</c> string instead of <see cref="Meta"/>.</summary>
    public string? RawMeta { get; set; }

    /// <summary>Whether to write the <c>valid</c> mask (computed from the bands at write time).</summary>
    public bool IncludeValid { get; set; } = true;

    public string FileName => TileNames.FileName(RowId, TileRow, TileCol);

    /// <summary>A cloud-free field scene: S1 around -12/-19 dB, S2 reflectance 0.03-0.45, the top <paramref name="nanRows"/> rows masked (NaN in S2).</summary>
    public static TileContent Realistic(string rowId, int tileRow, int tileCol, int nanRows)
    {
        var tile = new TileContent(rowId, tileRow, tileCol);
        var random = new Random(HashCode.Combine(rowId.Length, tileRow, tileCol, nanRows));
        (float Low, float High)[] ranges = [(-15f, -8f), (-23f, -15f), (0.03f, 0.1f), (0.05f, 0.14f), (0.04f, 0.2f), (0.2f, 0.45f)];
        for (var b = 0; b < TileWriter.BandKeys.Count; b++)
        {
            var data = new float[Size * Size];
            for (var i = 0; i < data.Length; i++)
            {
                var masked = b >= 2 && i / Size < nanRows;
                data[i] = masked ? float.NaN : ranges[b].Low + ((ranges[b].High - ranges[b].Low) * random.NextSingle());
            }

            tile.Bands[TileWriter.BandKeys[b]] = data;
        }

        for (var i = 0; i < tile.Scl.Length; i++)
        {
            tile.Scl[i] = i / Size < nanRows ? (byte)9 : (byte)4;
        }

        var x0 = 449160 + (tileCol * Size * 10);
        var y0 = 4658160 - (tileRow * Size * 10);
        tile.Meta = new JsonObject
        {
            ["schema"] = 1,
            ["row_id"] = rowId,
            ["tile_row"] = tileRow,
            ["tile_col"] = tileCol,
            ["location"] = new JsonObject { ["lat"] = 42.05, ["lon"] = -93.55 },
            ["crs"] = "EPSG:32615",
            ["geotransform"] = new JsonArray(x0, 10, 0, y0, 0, -10),
            ["width"] = Size,
            ["height"] = Size,
            ["bounds"] = new JsonArray(x0, y0 - 2560, x0 + 2560, y0),
            ["s2_item"] = "S2B_MSIL2A_20220310T170319_R069_T15TVG_20220311T002613",
            ["s2_datetime"] = "2022-03-10T17:03:29+00:00",
            ["s2_collection"] = "sentinel-2-l2a",
            ["s1_item"] = "S1A_IW_GRDH_1SDV_20220308T001204_20220308T001229_042237_050843",
            ["s1_datetime"] = "2022-03-08T00:12:16+00:00",
            ["s1_collection"] = "sentinel-1-rtc",
            ["delta_days"] = -2.7,
            ["offset_rule"] = "pc-baseline>=04.00:dn-1000/10000",
            ["tool"] = "axion-tiles",
            ["tool_version"] = "0.1.0",
        };
        return tile;
    }

    /// <summary>Fraction of pixels finite in all six float bands.</summary>
    public double FiniteFraction()
    {
        var finite = 0;
        for (var i = 0; i < Size * Size; i++)
        {
            var ok = true;
            foreach (var key in TileWriter.BandKeys)
            {
                ok &= Bands.TryGetValue(key, out var band) && float.IsFinite(band[i]);
            }

            finite += ok ? 1 : 0;
        }

        return (double)finite / (Size * Size);
    }

    /// <summary>Writes the tile into <paramref name="dir"/> (under <see cref="FileName"/> unless given); returns its path.</summary>
    public string Write(string dir, string? fileName = null, bool compressed = false)
    {
        var path = Path.Combine(dir, fileName ?? FileName);
        var fraction = FiniteFraction();
        using var npz = NpzWriter.Create(path, compressed);
        foreach (var key in TileWriter.BandKeys.Concat(Bands.Keys.Concat(Int16Bands.Keys).Where(k => !TileWriter.BandKeys.Contains(k))))
        {
            if (Bands.TryGetValue(key, out var band))
            {
                npz.Add(key, band, Size, Size);
            }
            else if (Int16Bands.TryGetValue(key, out var shorts))
            {
                npz.Add(key, shorts, Size, Size);
            }
        }

        npz.Add("s2_scl", Scl, Size, Size);
        if (IncludeValid)
        {
            var valid = new byte[Size * Size];
            for (var i = 0; i < valid.Length; i++)
            {
                valid[i] = TileWriter.BandKeys.All(k => Bands.TryGetValue(k, out var b) && float.IsFinite(b[i])) ? (byte)1 : (byte)0;
            }

            npz.Add("valid", valid, Size, Size);
        }

        Meta["valid_fraction"] = Math.Round(fraction, 6);
        npz.AddString("meta", RawMeta ?? Meta.ToJsonString());
        npz.Commit();
        return path;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{FileName} ({FiniteFraction():0.####})");
}
