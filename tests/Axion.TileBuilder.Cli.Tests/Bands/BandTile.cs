using System.Text.Json;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary>One tile of a bands build opened for checking: its arrays, its meta and the scene it came from.</summary>
internal sealed class BandTile : IDisposable
{
    private static readonly byte[] InvalidScl = [0, 1, 3, 8, 9, 10];
    private readonly NpzArchive _npz;
    private readonly JsonDocument _meta;

    public BandTile(string path, SyntheticWorld world)
    {
        Name = Path.GetFileName(path);
        _npz = NpzReader.Open(path);
        _meta = JsonDocument.Parse(_npz.Get("meta").AsString());
        // Earth Search items have their own ids: the scene is the row's Sentinel-2 scene of the item's datetime.
        var datetime = DateTimeOffset.Parse(Meta.GetProperty("s2_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Scene = world.Scenes.Single(s => s.Kind == SceneKind.Sentinel2L2A && s.LocationId == Meta.GetProperty("row_id").GetString() && s.Datetime == datetime);
        GeoTransform = [.. Meta.GetProperty("geotransform").EnumerateArray().Select(v => v.GetDouble())];
        Scl = _npz.Get("s2_scl").AsUInt8();
        (Scale, Offset) = RuleOf(Meta.GetProperty("offset_rule").GetString()!);
    }

    public string Name { get; }

    public JsonElement Meta => _meta.RootElement;

    public SyntheticScene Scene { get; }

    public double[] GeoTransform { get; }

    public byte[] Scl { get; }

    /// <summary>The scale of the radiometric rule the tile names (<c>meta.offset_rule</c>).</summary>
    public double Scale { get; }

    /// <summary>The offset of the radiometric rule the tile names: -0.1 for <c>dn-1000/10000</c> rules, 0 for <c>dn/10000</c>, as given for <c>raster-bands</c>.</summary>
    public double Offset { get; }

    public IReadOnlyList<string> Keys => _npz.Keys;

    public float[] Values(string key) => _npz.Get(key).AsFloat32();

    /// <summary>True when SCL masks pixel <paramref name="i"/> (classes 0, 1, 3, 8, 9, 10).</summary>
    public bool Masked(int i) => Array.IndexOf(InvalidScl, Scl[i]) >= 0;

    /// <summary>The centre of tile pixel (<paramref name="col"/>, <paramref name="row"/>) in the tile's CRS.</summary>
    public (double X, double Y) Centre(int col, int row) =>
        (GeoTransform[0] + ((col + 0.5) * GeoTransform[1]), GeoTransform[3] + ((row + 0.5) * GeoTransform[5]));

    /// <summary>The reflectance the pipeline makes of a (resampled) DN with the tile's rule: (float)(DN x scale + offset).</summary>
    public float Reflectance(double dn) => (float)((dn * Scale) + Offset);

    /// <summary>Calls <paramref name="check"/> with the index and the centre (x, y) of every pixel of the 256 x 256 tile.</summary>
    public void ForEachPixel(Action<int, double, double> check)
    {
        for (var r = 0; r < 256; r++)
        {
            for (var c = 0; c < 256; c++)
            {
                var (x, y) = Centre(c, r);
                check((r * 256) + c, x, y);
            }
        }
    }

    /// <summary>
    /// Asserts that every pixel of <paramref name="key"/> is the truth of <paramref name="band"/> at the source pixel holding its
    /// centre, exactly (NaN where SCL masks), over more than half the tile: a 10 m band's copy, or any band with nearest.
    /// </summary>
    public void AssertNearest(string key, S2Band band)
    {
        var truth = new ResampledTruth(Scene, band);
        var values = Values(key);
        var compared = 0;
        ForEachPixel((i, x, y) =>
        {
            var expected = Reflectance(truth.Nearest(x, y));
            Assert.True(Masked(i) ? float.IsNaN(values[i]) : values[i] == expected, $"{Name} {key} pixel {i}: {values[i]} vs {expected}");
            compared += Masked(i) ? 0 : 1;
        });
        Assert.True(compared > 256 * 256 / 2, $"{Name} {key}: only {compared} unmasked pixels");
    }

    /// <summary>
    /// Asserts that every pixel of <paramref name="key"/> is the bilinear resampling of the truth of <paramref name="band"/> in
    /// GDAL's pixel-is-area geometry within <paramref name="tolerance"/> (NaN where SCL masks), over more than half the tile,
    /// and that the comparison tells that geometry from one without the half-pixel shift; returns the largest difference.
    /// </summary>
    public double AssertBilinear(string key, S2Band band, double tolerance)
    {
        var truth = new ResampledTruth(Scene, band);
        var values = Values(key);
        int compared = 0, wrongConvention = 0;
        var worst = 0.0;
        ForEachPixel((i, x, y) =>
        {
            if (Masked(i))
            {
                Assert.True(float.IsNaN(values[i]), $"{Name} {key} pixel {i}: SCL {Scl[i]} must be NaN");
                return;
            }

            var expected = Reflectance(truth.Bilinear(x, y));
            var error = Math.Abs(values[i] - expected);
            worst = Math.Max(worst, error);
            Assert.True(error < tolerance, $"{Name} {key} pixel {i}: {values[i]} vs bilinear of the truth {expected}");
            compared++;

            // The comparison tells GDAL's convention from one without the half-pixel shift.
            wrongConvention += Math.Abs(values[i] - Reflectance(truth.Bilinear(x, y, centresAtCorners: true))) > tolerance ? 1 : 0;
        });
        Assert.True(compared > 256 * 256 / 2, $"{Name} {key}: only {compared} unmasked pixels");
        Assert.True(wrongConvention > compared / 2, $"{Name} {key}: only {wrongConvention} of {compared} pixels tell the half-pixel geometry apart");
        return worst;
    }

    private static (double Scale, double Offset) RuleOf(string rule)
    {
        if (rule.StartsWith("raster-bands:", StringComparison.Ordinal))
        {
            var parts = rule["raster-bands:".Length..].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
            return (parts["scale"], parts["offset"]);
        }

        return (1e-4, rule.Contains("dn-1000", StringComparison.Ordinal) ? -0.1 : 0);
    }

    public void Dispose()
    {
        _meta.Dispose();
        _npz.Dispose();
    }
}
