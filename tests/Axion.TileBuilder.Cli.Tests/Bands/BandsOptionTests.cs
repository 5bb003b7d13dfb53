using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary><c>--bands</c> and <c>--resampling</c> values and profiles that cannot serve them are refused (exit 2, naming the band) before any work.</summary>
public sealed class BandsOptionTests
{
    [Theory]
    [InlineData("B02,B10", "--bands: unknown band 'B10' (use any of B01 B02 B03 B04 B05 B06 B07 B08 B8A B09 B11 B12)")]
    [InlineData("B02,B8,B03", "--bands: unknown band 'B8'")]
    [InlineData("B05,b05", "--bands: band 'B05' is given twice")]
    [InlineData(",", "--bands: no band given")]
    public async Task A_bad_band_list_is_refused_naming_the_band(string bands, string message)
    {
        var dir = TestPaths.NewTempDir("bad-bands");
        var outDir = Path.Combine(dir, "out");

        var result = await CliHarness.RunAsync("build", "--csv", Path.Combine(dir, "missing.csv"), "--out", outDir, "--bands", bands);

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("missing.csv", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "--out was created");
    }

    [Fact]
    public async Task A_bad_resampling_is_refused_naming_the_value()
    {
        var dir = TestPaths.NewTempDir("bad-resampling");

        var result = await CliHarness.RunAsync("plan", "--csv", Path.Combine(dir, "missing.csv"), "--bands", "B05", "--resampling", "lanczos");

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains("--resampling: unknown method 'lanczos' (use bilinear, cubic, nearest)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_band_the_profile_has_no_asset_for_is_refused_naming_band_and_profile()
    {
        var dir = TestPaths.NewTempDir("profile-bands");
        var pc = BuiltInProfiles.PlanetaryComputer;
        var fourBands = pc with
        {
            Name = "four-bands",
            Sentinel2 = pc.Sentinel2 with { Assets = pc.Sentinel2.Assets.Where(a => a.Key is "B02" or "B03" or "B04" or "B08" or "SCL").ToDictionary() },
        };
        var profile = Path.Combine(dir, "four-bands.json");
        await File.WriteAllTextAsync(profile, ProfileLoader.ToJson(fourBands));

        var result = await CliHarness.RunAsync("build", "--csv", Path.Combine(dir, "missing.csv"), "--out", Path.Combine(dir, "out"), "--catalog", profile, "--bands", "B02,B8A");

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Contains("--bands: catalog profile four-bands maps no sentinel2 asset for band B8A", result.Stderr, StringComparison.Ordinal);
    }
}
