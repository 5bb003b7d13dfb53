using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.Core.Tests.Radiometry;

public class S1RadiometryTests
{
    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(10f, 10f)]
    [InlineData(0.01f, -20f)]
    [InlineData(0.5f, -3.0103f)]
    [InlineData(2e-4f, -36.9897f)]
    public void Linear_to_db(float linear, float db) => Assert.Equal(db, S1Radiometry.LinearToDb(linear), 3);

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(-32768f)]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void Non_positive_nan_and_nodata_give_nan(float linear) => Assert.True(float.IsNaN(S1Radiometry.LinearToDb(linear)));

    [Fact]
    public void Span_version_matches_scalar_everywhere()
    {
        var random = new Random(42);
        var linear = new float[1037]; // not a multiple of any vector width: exercises the tail
        for (var i = 0; i < linear.Length; i++)
        {
            linear[i] = (float)Math.Pow(10, (random.NextDouble() * 6) - 5); // 1e-5 .. 10
        }

        int[] specials = [0, 5, 8, 17, 500, 1030, 1036];
        float[] values = [0f, -32768f, float.NaN, -0.5f, 0f, -32768f, float.NaN];
        for (var k = 0; k < specials.Length; k++)
        {
            linear[specials[k]] = values[k];
        }

        var db = new float[linear.Length];
        S1Radiometry.LinearToDb(linear, db);
        for (var i = 0; i < linear.Length; i++)
        {
            var expected = S1Radiometry.LinearToDb(linear[i]);
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(db[i]), $"index {i}");
            }
            else
            {
                Assert.True(Math.Abs(expected - db[i]) < 1e-4, $"index {i}: {db[i]} vs {expected}");
            }
        }

        Assert.Equal(specials.Length, db.Count(float.IsNaN));
    }

    [Fact]
    public void In_place_conversion()
    {
        float[] values = [1f, 100f, 0f, 1000f, 0.1f, 1f, 10f, 1f, 1e-3f, -32768f, 100f];
        S1Radiometry.LinearToDbInPlace(values);
        Assert.Equal([0f, 20f, float.NaN, 30f, -10f, 0f, 10f, 0f, -30f, float.NaN, 20f], values.Select(v => float.IsNaN(v) ? v : MathF.Round(v, 4)).ToArray());
        Assert.Throws<ArgumentException>(() => S1Radiometry.LinearToDb(new float[4], new float[3]));
    }
}
