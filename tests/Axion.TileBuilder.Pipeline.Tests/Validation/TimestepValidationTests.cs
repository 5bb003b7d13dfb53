using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Pipeline.Validation;

namespace Axion.TileBuilder.Pipeline.Tests.Validation;

/// <summary><c>validate</c> on tiles of a <c>--timesteps</c> build: the <c>_t&lt;k&gt;</c> name and the timestep fields of the meta.</summary>
public sealed class TimestepValidationTests
{
    private static readonly ValidationOptions Options = new() { MaxListed = 0, MaxParallelism = 2 };

    [Fact]
    public void A_timestep_tile_named_after_its_meta_passes()
    {
        using var dir = new DatasetDirectory();
        var tile = AtTimestep(TileContent.Realistic("iowa-cropland", 0, 1, 2), 1);
        tile.Write(dir.Path, TileNames.FileName("iowa-cropland", 0, 1, 1));

        var report = Validate(dir);

        Assert.True(report.Passed, string.Join("; ", report.Violations.Select(v => v.Message)));
        Assert.Equal(1, report.FilesOk);
    }

    [Fact]
    public void A_timestep_tile_under_another_timesteps_name_or_without_the_suffix_is_a_file_name_violation()
    {
        using var dir = new DatasetDirectory();
        AtTimestep(TileContent.Realistic("iowa-cropland", 0, 0, 2), 1).Write(dir.Path, "tile_iowa-cropland_0_0_t2.npz");
        AtTimestep(TileContent.Realistic("iowa-cropland", 0, 1, 2), 1).Write(dir.Path, "tile_iowa-cropland_0_1.npz");

        var names = Validate(dir).Violations.Where(v => v.Check == ValidationChecks.FileName).OrderBy(v => v.File, StringComparer.Ordinal).ToList();

        Assert.Equal(["tile_iowa-cropland_0_0_t2.npz", "tile_iowa-cropland_0_1.npz"], names.Select(v => v.File));
        Assert.Contains("the meta names tile 'tile_iowa-cropland_0_0_t1.npz'", names[0].Message, StringComparison.Ordinal);
        Assert.Contains("the meta names tile 'tile_iowa-cropland_0_1_t1.npz'", names[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timesteps", "1", "meta.timestep 1 must be below meta.timesteps 1")]
    [InlineData("timestep_start", "\"2022-04-01\"", "meta.timestep_start 2022-04-01 is after meta.timestep_end 2022-03-31")]
    [InlineData("timestep_end", "\"2022-03-09\"", "meta.s2_datetime 2022-03-10T17:03:29+00:00 is outside the timestep 2022-01-01..2022-03-09")]
    [InlineData("timestep_end", "\"31.03.2022\"", "meta.timestep_end '31.03.2022' is not a date (yyyy-MM-dd)")]
    [InlineData("timestep", "-1", "meta.timestep must be an integer >= 0")]
    public void A_wrong_timestep_field_is_a_meta_violation(string field, string json, string message)
    {
        using var dir = new DatasetDirectory();
        var tile = AtTimestep(TileContent.Realistic("iowa-cropland", 0, 0, 2), 1);
        tile.Meta[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        tile.Write(dir.Path, TileNames.FileName("iowa-cropland", 0, 0, 1));

        var meta = Assert.Single(Validate(dir).Violations, v => v.Check == ValidationChecks.Meta);
        Assert.Contains(message, meta.Message, StringComparison.Ordinal);
    }

    /// <summary>The tile as timestep <paramref name="k"/> of 4 over 2022 (its scene, 2022-03-10, lies in the first quarter).</summary>
    private static TileContent AtTimestep(TileContent tile, int k)
    {
        tile.Meta["timestep"] = k;
        tile.Meta["timesteps"] = 4;
        tile.Meta["timestep_start"] = "2022-01-01";
        tile.Meta["timestep_end"] = "2022-03-31";
        return tile;
    }

    private static ValidationReport Validate(DatasetDirectory dir) => DatasetValidator.Validate(dir.Path, Options, CancellationToken.None);
}
