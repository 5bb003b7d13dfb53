using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Core.Tests.Bands;

public sealed class BandSelectionTests
{
    [Fact]
    public void Every_band_has_the_key_pattern_of_s2_b2_and_its_native_resolution()
    {
        Assert.Equal(
            ["B01 s2_b1 60", "B02 s2_b2 10", "B03 s2_b3 10", "B04 s2_b4 10", "B05 s2_b5 20", "B06 s2_b6 20", "B07 s2_b7 20", "B08 s2_b8 10", "B8A s2_b8a 20", "B09 s2_b9 60", "B11 s2_b11 20", "B12 s2_b12 20"],
            SpectralBand.All.Select(b => $"{b.Name} {b.Key} {b.ResolutionM}"));
    }

    [Fact]
    public void The_default_is_the_four_10_m_bands_of_the_contract()
    {
        Assert.Equal(["s2_b2", "s2_b3", "s2_b4", "s2_b8"], BandSelection.Default.Select(b => b.Key));
        Assert.Equal("B02,B03,B04,B08", BandSelection.DefaultText);
        Assert.True(BandSelection.IsDefault(BandSelection.Parse(" b02, B03 ,B04,B08 ")));
        Assert.False(BandSelection.IsDefault(BandSelection.Parse("B03,B02,B04,B08")));
    }

    [Fact]
    public void Bands_keep_the_order_given()
    {
        Assert.Equal(["B11", "B02", "B8A", "B01"], BandSelection.Parse("B11,b02,b8a,B01").Select(b => b.Name));
    }

    [Theory]
    [InlineData("B10", "--bands: unknown band 'B10'")]
    [InlineData("B02,B13", "--bands: unknown band 'B13'")]
    [InlineData("B02,B2", "--bands: unknown band 'B2'")]
    [InlineData("B8A,b8a", "--bands: band 'B8A' is given twice")]
    [InlineData(" , ", "--bands: no band given")]
    public void A_bad_list_names_the_band(string text, string message)
    {
        var ex = Assert.Throws<AxionException>(() => BandSelection.Parse(text));
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bilinear", BandResampling.Bilinear, "bilinear")]
    [InlineData("Cubic", BandResampling.Cubic, "cubic")]
    [InlineData("nearest", BandResampling.Nearest, "near")]
    public void Resampling_names_parse_and_map_to_gdal(string text, BandResampling expected, string gdal)
    {
        Assert.Equal(expected, BandResamplingNames.Parse(text));
        Assert.Equal(gdal, expected.GdalName());
    }

    [Fact]
    public void An_unknown_resampling_names_the_value_and_the_choices()
    {
        var ex = Assert.Throws<AxionException>(() => BandResamplingNames.Parse("average"));
        Assert.Equal("--resampling: unknown method 'average' (use bilinear, cubic, nearest)", ex.Message);
    }
}
