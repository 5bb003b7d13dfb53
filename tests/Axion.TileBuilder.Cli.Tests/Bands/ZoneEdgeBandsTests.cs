using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary>
/// 20 m and 60 m bands of a scene gridded in the neighbouring UTM zone are warped onto the tile's zone with the chosen
/// resampling: every value lies in the range of the 4 x 4 source pixels around its position, and at least 99 % in the
/// 2 x 2 bilinear neighbourhood (the tolerance of the other warped-read tests: GDAL's approximate transformer).
/// </summary>
public sealed class ZoneEdgeBandsTests(ZoneEdgeBandsFixture batch) : IClassFixture<ZoneEdgeBandsFixture>
{
    [Fact]
    public void Coarse_bands_warped_from_the_neighbouring_zone_lie_within_their_source_neighbourhood()
    {
        Assert.True(batch.Build.ExitCode == 0, batch.Build.ToString());
        var files = batch.TileFiles();
        Assert.NotEmpty(files);
        long values = 0, inside = 0;
        foreach (var file in files)
        {
            using var tile = new BandTile(file, batch.World);
            Assert.Equal("EPSG:32631", tile.Meta.GetProperty("crs").GetString());
            Assert.Equal(32632, tile.Scene.Epsg);
            Assert.All(tile.Meta.GetProperty("s2_bands").EnumerateArray(), b => Assert.Equal("bilinear", b.GetProperty("resampling").GetString()));
            foreach (var (key, band) in new[] { ("s2_b5", S2Band.B05), ("s2_b9", S2Band.B09) })
            {
                var truth = new ResampledTruth(tile.Scene, band);
                var array = tile.Values(key);
                for (var i = 0; i < array.Length; i++)
                {
                    if (tile.Masked(i))
                    {
                        Assert.True(float.IsNaN(array[i]), $"{tile.Name} {key} pixel {i}: SCL {tile.Scl[i]} must be NaN");
                        continue;
                    }

                    var (x31, y31) = tile.Centre(i % 256, i / 256);
                    var (lon, lat) = Utm.Inverse(x31, y31, 31, true);
                    var (x, y) = Utm.Forward(lon, lat, 32, true);
                    var (u, v) = truth.SourceCoordinate(x, y);
                    var (c0, r0) = ((int)Math.Floor(u - 0.5), (int)Math.Floor(v - 0.5));
                    values++;
                    var near = Within(tile, array[i], truth, c0, r0, 0, 1);
                    inside += near ? 1 : 0;
                    Assert.True(near || Within(tile, array[i], truth, c0, r0, -1, 2), $"{tile.Name} {key} pixel {i}: {array[i]} outside the 4 x 4 source neighbourhood");
                }
            }
        }

        Assert.True(inside >= 0.99 * values, $"{inside} of {values} values inside the 2 x 2 source range");
    }

    private static bool Within(BandTile tile, float value, ResampledTruth truth, int col, int row, int from, int to)
    {
        var reflectances = new List<float>();
        for (var dr = from; dr <= to; dr++)
        {
            for (var dc = from; dc <= to; dc++)
            {
                reflectances.Add(tile.Reflectance(truth.Dn(col + dc, row + dr)));
            }
        }

        const float Slack = 1e-6f;
        return value >= reflectances.Min() - Slack && value <= reflectances.Max() + Slack;
    }
}
