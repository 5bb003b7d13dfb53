using System.Text.Json;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("--min-valid", "1.5", "error: --min-valid 1.5 must be 0..1 (fraction of a tile)")]
    [InlineData("--max-listed", "-1", "error: --max-listed -1 must be 0 or more")]
    public async Task An_out_of_range_option_exits_2_naming_it_with_its_range(string option, string value, string message)
    {
        var result = await CliHarness.RunAsync("validate", TestPaths.NewTempDir("validate-option"), option, value);

        Assert.True(result.ExitCode == ExitCodes.UsageOrBadInput, result.ToString());
        Assert.Equal(message, result.Stderr.Trim());
    }

    [Fact]
    public async Task Validate_exits_0_when_clean_3_on_a_corrupt_tile_and_2_for_a_missing_folder()
    {
        var dir = TestPaths.NewTempDir("validate");
        try
        {
            WriteTile(dir, "iowa-cropland", 0, 0);
            WriteTile(dir, "iowa-cropland", 0, 1);

            var clean = await CliHarness.RunAsync("validate", dir);
            Assert.True(clean.ExitCode == ExitCodes.Ok, clean.ToString());
            Assert.StartsWith("OK: ", clean.Stdout, StringComparison.Ordinal);
            Assert.Contains("2 file(s) checked, 2 ok", clean.Stdout, StringComparison.Ordinal);

            var victim = Path.Combine(dir, TileNames.FileName("iowa-cropland", 0, 1));
            var bytes = await File.ReadAllBytesAsync(victim);
            await File.WriteAllBytesAsync(victim, bytes[..(bytes.Length / 3)]);

            var broken = await CliHarness.RunAsync("validate", dir);
            Assert.True(broken.ExitCode == ExitCodes.FinishedWithFailures, broken.ToString());
            Assert.StartsWith("FAILED: ", broken.Stdout, StringComparison.Ordinal);
            Assert.Contains("tile_iowa-cropland_0_1.npz: unreadable:", broken.Stdout, StringComparison.Ordinal);

            var json = await CliHarness.RunAsync("validate", dir, "--json");
            Assert.Equal(ExitCodes.FinishedWithFailures, json.ExitCode);
            using var doc = JsonDocument.Parse(json.Stdout);
            Assert.Equal(2, doc.RootElement.GetProperty("files_checked").GetInt32());
            Assert.Equal(1, doc.RootElement.GetProperty("files_with_violations").GetInt32());
            Assert.Equal("unreadable", doc.RootElement.GetProperty("violations")[0].GetProperty("check").GetString());

            var missing = await CliHarness.RunAsync("validate", Path.Combine(dir, "no-such-folder"));
            Assert.True(missing.ExitCode == ExitCodes.UsageOrBadInput, missing.ToString());
            Assert.Contains("no-such-folder", missing.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A valid 256x256 tile: plausible dB and reflectance values, the meta the contract requires.</summary>
    private static void WriteTile(string dir, string rowId, int tileRow, int tileCol)
    {
        const int size = 256;
        var random = new Random(tileCol + 1);
        using var npz = NpzWriter.Create(Path.Combine(dir, TileNames.FileName(rowId, tileRow, tileCol)), compressed: true);
        foreach (var key in TileWriter.BandKeys)
        {
            var (low, high) = key.StartsWith("s1_", StringComparison.Ordinal) ? (-20f, -8f) : (0.02f, 0.4f);
            var band = new float[size * size];
            for (var i = 0; i < band.Length; i++)
            {
                band[i] = low + ((high - low) * random.NextSingle());
            }

            npz.Add(key, band, size, size);
        }

        var meta = new Dictionary<string, object>
        {
            ["schema"] = 1,
            ["row_id"] = rowId,
            ["tile_row"] = tileRow,
            ["tile_col"] = tileCol,
            ["crs"] = "EPSG:32615",
            ["geotransform"] = new double[] { 449160 + (tileCol * 2560), 10, 0, 4658160, 0, -10 },
            ["width"] = size,
            ["height"] = size,
            ["s2_item"] = "S2B_MSIL2A_20220310T170319_R069_T15TVG_20220311T002613",
            ["s1_item"] = "S1A_IW_GRDH_1SDV_20220308T001204_20220308T001229_042237_050843",
            ["valid_fraction"] = 1.0,
        };
        npz.AddString("meta", JsonSerializer.Serialize(meta));
        npz.Commit();
    }
}
