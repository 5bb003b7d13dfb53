using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.Core.Tests.Radiometry;

public class GrdCalibrationTests
{
    [Theory]
    [InlineData(1000f, 1000, 0.0)]
    [InlineData(100f, 1000, -20.0)]
    [InlineData(316.22777f, 1000, -10.0)]
    [InlineData(650f, 650, 0.0)]
    public void Amplitude_dn_gives_sigma0_db_as_20_log10_of_dn_over_a(float dn, double a, double expectedDb)
    {
        Assert.Equal(expectedDb, GrdCalibration.DnToDb(dn, a), 4);
        Assert.Equal(Math.Pow(10, expectedDb / 10), GrdCalibration.DnToLinear(dn, a), 5);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void Nodata_and_non_positive_dn_are_nan(float dn)
    {
        Assert.True(float.IsNaN(GrdCalibration.DnToDb(dn, GrdCalibration.DefaultConstant)));
        Assert.True(float.IsNaN(GrdCalibration.DnToLinear(dn, GrdCalibration.DefaultConstant)));
    }

    [Fact]
    public void LinearToDn_inverts_DnToLinear()
    {
        foreach (var linear in new[] { 0.0005, 0.01, 0.1, 0.5 })
        {
            var dn = GrdCalibration.LinearToDn(linear, GrdCalibration.DefaultConstant);
            Assert.Equal(linear, GrdCalibration.DnToLinear((float)dn, GrdCalibration.DefaultConstant), 6);
        }
    }
}
