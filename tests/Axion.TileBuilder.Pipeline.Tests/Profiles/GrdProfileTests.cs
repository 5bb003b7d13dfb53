using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Pipeline.Tests.Profiles;

/// <summary>Sentinel-1 GRD in profiles: the built-in <c>planetary-computer-grd</c>, the <c>grd</c> flavour and its calibration constant.</summary>
public class GrdProfileTests
{
    private const string Template = """
        {
          "name": "grd",
          "sentinel2": {
            "stacUrl": "https://stac.example.test/v1", "collection": "sentinel-2-l2a", "flavor": "planetary-computer",
            "assets": { "B02": "B02", "B03": "B03", "B04": "B04", "B08": "B08", "SCL": "SCL" }
          },
          "sentinel1": {
            "stacUrl": "https://stac.example.test/v1", "collection": "sentinel-1-grd", "flavor": "FLAVOR",
            "assets": { "vv": "vv", "vh": "vh" }CONSTANT
          }
        }
        """;

    [Fact]
    public void The_built_in_grd_profile_reads_pc_sentinel_1_grd()
    {
        var profile = ProfileLoader.Load("planetary-computer-grd");
        Assert.Same(BuiltInProfiles.PlanetaryComputerGrd, profile);
        Assert.Equal("sentinel-1-grd", profile.Sentinel1.Collection);
        Assert.True(profile.Sentinel1.IsGrd);
        Assert.Null(profile.Sentinel1.GrdCalibrationConstant);
        Assert.Equal(BuiltInProfiles.PlanetaryComputer.Sentinel2, profile.Sentinel2);
        Assert.False(BuiltInProfiles.PlanetaryComputer.Sentinel1.IsGrd);
    }

    [Fact]
    public void A_json_profile_sets_the_grd_flavour_and_calibration_constant_and_round_trips()
    {
        var profile = ProfileLoader.Parse(Json("grd", ", \"grdCalibrationConstant\": 650.5"), "grd.json");
        Assert.True(profile.Sentinel1.IsGrd);
        Assert.Equal(650.5, profile.Sentinel1.GrdCalibrationConstant);
        var again = ProfileLoader.Parse(ProfileLoader.ToJson(profile), "again.json");
        Assert.Equal(650.5, again.Sentinel1.GrdCalibrationConstant);
        Assert.DoesNotContain("grdCalibrationConstant", ProfileLoader.ToJson(BuiltInProfiles.PlanetaryComputer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grd", ", \"grdCalibrationConstant\": 0", "grdCalibrationConstant")]
    [InlineData("grd", ", \"grdCalibrationConstant\": -3", "-3")]
    [InlineData("amplitude", "", "'amplitude'")]
    public void Bad_grd_settings_are_refused_naming_the_value(string flavor, string constant, string quoted)
    {
        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(Json(flavor, constant), "bad.json"));
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(quoted, ex.Message, StringComparison.Ordinal);
    }

    private static string Json(string flavor, string constant) => Template.Replace("FLAVOR", flavor, StringComparison.Ordinal).Replace("CONSTANT", constant, StringComparison.Ordinal);
}
