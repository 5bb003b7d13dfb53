using System.Text.Json.Nodes;
using Axion.TileBuilder.Pipeline.Validation;

namespace Axion.TileBuilder.Pipeline.Tests.Validation;

/// <summary><c>validate</c> on tiles of a <c>--bands</c> build: the keys <c>meta.s2_bands</c> lists are checked like the default ones.</summary>
public sealed class BandsValidationTests
{
    private static readonly ValidationOptions Options = new() { MaxListed = 0, MaxParallelism = 2 };

    [Fact]
    public void A_tile_with_the_bands_its_meta_lists_passes_without_warnings()
    {
        using var dir = new DatasetDirectory();
        WithBands(TileContent.Realistic("iowa-cropland", 0, 0, 2)).Write(dir.Path);

        var report = Validate(dir);

        Assert.True(report.Passed, string.Join("; ", report.Violations.Select(v => v.Message)));
        Assert.Equal(0, report.WarningCount);
        Assert.Equal(1, report.FilesOk);
    }

    [Fact]
    public void A_band_the_meta_lists_must_be_there_as_float32()
    {
        using var dir = new DatasetDirectory();
        var missing = WithBands(TileContent.Realistic("iowa-cropland", 0, 0, 2));
        missing.Bands.Remove("s2_b11");
        missing.Write(dir.Path);
        var integers = WithBands(TileContent.Realistic("iowa-cropland", 0, 1, 2));
        integers.Bands.Remove("s2_b5");
        integers.Int16Bands["s2_b5"] = new short[TileContent.Size * TileContent.Size];
        integers.Write(dir.Path);

        var report = Validate(dir);

        var absent = Assert.Single(report.Violations, v => v.Check == ValidationChecks.MissingKey);
        Assert.Equal(missing.FileName, absent.File);
        Assert.Contains("s2_b11", absent.Message, StringComparison.Ordinal);
        var dtype = Assert.Single(report.Violations, v => v.Check == ValidationChecks.Dtype);
        Assert.Equal(integers.FileName, dtype.File);
        Assert.Contains("s2_b5", dtype.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_band_array_the_meta_does_not_list_is_reported()
    {
        using var dir = new DatasetDirectory();
        var tile = TileContent.Realistic("iowa-cropland", 0, 0, 2);
        tile.Bands["s2_b5"] = tile.Bands["s2_b4"];
        tile.Write(dir.Path);

        var warning = Assert.Single(Validate(dir).Warnings, w => w.Check == ValidationChecks.UnknownKey);
        Assert.Contains("'s2_b5' is not one of the tile's bands", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B05", "s2_b5", 10, "bilinear", "B05 must have key 's2_b5' and resolution_m 20")]
    [InlineData("B05", "s2_b05", 20, "bilinear", "B05 must have key 's2_b5'")]
    [InlineData("B05", "s2_b5", 20, "none", "B05 has resampling 'none'")]
    [InlineData("B10", "s2_b10", 60, "bilinear", "without a known band name")]
    public void A_wrong_s2_bands_entry_is_a_meta_violation(string band, string key, int resolution, string resampling, string message)
    {
        using var dir = new DatasetDirectory();
        var tile = WithBands(TileContent.Realistic("iowa-cropland", 0, 0, 2));
        ((JsonArray)tile.Meta["s2_bands"]!)[4] = Entry(band, key, resolution, resampling);
        tile.Write(dir.Path);

        var meta = Assert.Single(Validate(dir).Violations, v => v.Check == ValidationChecks.Meta);
        Assert.Contains(message, meta.Message, StringComparison.Ordinal);
    }

    /// <summary>The tile as a build with <c>--bands B02,B03,B04,B08,B05,B11</c> writes it.</summary>
    private static TileContent WithBands(TileContent tile)
    {
        tile.Bands["s2_b5"] = tile.Bands["s2_b4"].Select(v => v * 1.5f).ToArray();
        tile.Bands["s2_b11"] = tile.Bands["s2_b8"].Select(v => v * 0.6f).ToArray();
        tile.Meta["s2_bands"] = new JsonArray(
            Entry("B02", "s2_b2", 10, "none"),
            Entry("B03", "s2_b3", 10, "none"),
            Entry("B04", "s2_b4", 10, "none"),
            Entry("B08", "s2_b8", 10, "none"),
            Entry("B05", "s2_b5", 20, "bilinear"),
            Entry("B11", "s2_b11", 20, "bilinear"));
        return tile;
    }

    private static JsonObject Entry(string band, string key, int resolution, string resampling) => new()
    {
        ["band"] = band,
        ["key"] = key,
        ["resolution_m"] = resolution,
        ["resampling"] = resampling,
    };

    private static ValidationReport Validate(DatasetDirectory dir) => DatasetValidator.Validate(dir.Path, Options, CancellationToken.None);
}
