using System.Globalization;
using System.Text.Json;
using Axion.TileBuilder.LocalCatalog.World;
using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Cli.Tests.Support;

/// <summary>
/// Checks every pixel of a tile against the synthetic world's truth at the pixel's ground position: the SCL class (when
/// the tile holds <c>s2_scl</c>), the Sentinel-2 reflectance of the four bands (NaN where the true SCL class is masked)
/// and the Sentinel-1 backscatter in dB, for the scenes the tile's meta names.
/// </summary>
internal static class GroundTruthTile
{
    /// <summary>The SCL classes a build masks by default (<c>--invalid-scl</c>).</summary>
    public static readonly IReadOnlyList<byte> DefaultInvalidScl = [0, 1, 3, 8, 9, 10];

    private static readonly (string Key, S2Band Band)[] Bands = [("s2_b2", S2Band.B02), ("s2_b3", S2Band.B03), ("s2_b4", S2Band.B04), ("s2_b8", S2Band.B08)];

    /// <summary>
    /// Asserts that <paramref name="file"/> holds the truth of the scenes of <paramref name="world"/> its meta names, with the
    /// Sentinel-2 pixels of the <paramref name="invalidScl"/> classes (default <see cref="DefaultInvalidScl"/>) masked.
    /// </summary>
    public static void AssertMatches(string file, SyntheticWorld world, IReadOnlyList<byte>? invalidScl = null)
    {
        invalidScl ??= DefaultInvalidScl;
        var scenes = world.Scenes.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var name = Path.GetFileName(file);
        using var npz = NpzReader.Open(file);
        using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
        var m = meta.RootElement;
        var gt = m.GetProperty("geotransform").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var s2Scene = scenes[m.GetProperty("s2_item").GetString()!];
        var s1Scene = scenes[m.GetProperty("s1_item").GetString()!];
        Assert.Equal(s2Scene.Epsg.ToString(CultureInfo.InvariantCulture), m.GetProperty("crs").GetString()!["EPSG:".Length..]);
        var offset = GroundTruth.HasBoaOffset(s2Scene.ProcessingBaseline!) ? GroundTruth.BoaOffsetDn : 0;
        var s2 = Bands.Select(b => npz.Get(b.Key).AsFloat32()).ToArray();
        var vv = npz.Get("s1_vv").AsFloat32();
        var vh = npz.Get("s1_vh").AsFloat32();
        var scl = npz.Keys.Contains("s2_scl") ? npz.Get("s2_scl").AsUInt8() : null;
        for (var r = 0; r < 256; r++)
        {
            for (var c = 0; c < 256; c++)
            {
                var i = (r * 256) + c;

                // The ground position of the output pixel centre, and the source pixels under it.
                var x = gt[0] + ((c + 0.5) * gt[1]);
                var y = gt[3] + ((r + 0.5) * gt[5]);
                var (col, row) = ScenePixel(s2Scene, x, y, 10);
                var (col20, row20) = ScenePixel(s2Scene, x, y, 20);
                var (col1, row1) = ScenePixel(s1Scene, x, y, 10);

                var trueScl = SceneTruth.Scl(s2Scene, col20, row20);
                Assert.True(scl is null || trueScl == scl[i], $"{name} ({r},{c}) SCL {scl?[i]} vs ground truth {trueScl}");
                var invalid = invalidScl.Contains(trueScl);
                for (var b = 0; b < Bands.Length; b++)
                {
                    if (invalid)
                    {
                        Assert.True(float.IsNaN(s2[b][i]), $"{name} ({r},{c}) {Bands[b].Key}: SCL {trueScl} must be NaN");
                        continue;
                    }

                    var expected = (SceneTruth.S2Dn(s2Scene, Bands[b].Band, col, row) - offset) / 10000.0;
                    Assert.True(Math.Abs(s2[b][i] - expected) < 1e-6, $"{name} ({r},{c}) {Bands[b].Key}: {s2[b][i]} vs ground truth {expected}");
                }

                var expectedVv = 10 * Math.Log10(SceneTruth.S1Linear(s1Scene, S1Polarization.VV, col1, row1));
                var expectedVh = 10 * Math.Log10(SceneTruth.S1Linear(s1Scene, S1Polarization.VH, col1, row1));
                Assert.True(Math.Abs(vv[i] - expectedVv) < 1e-4, $"{name} ({r},{c}) s1_vv {vv[i]} vs {expectedVv}");
                Assert.True(Math.Abs(vh[i] - expectedVh) < 1e-4, $"{name} ({r},{c}) s1_vh {vh[i]} vs {expectedVh}");
            }
        }
    }

    /// <summary>The column and row of the scene pixel of size <paramref name="pixelSize"/> m under the point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static (int Col, int Row) ScenePixel(SyntheticScene scene, double x, double y, double pixelSize) =>
        ((int)Math.Floor((x - scene.OriginX) / pixelSize), (int)Math.Floor((scene.OriginY - y) / pixelSize));
}
