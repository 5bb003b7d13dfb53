using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Core.Tests.Options;

public class BuildOptionsTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var o = new BuildOptions();
        Assert.Equal((2, 2, 256, 10.0, 4), (o.TilesX, o.TilesY, o.TileSize, o.PixelSize, o.Workers));
        Assert.Equal(new SelectionOptions(), o.Selection);
        Assert.Null(o.Start);
        Assert.Null(o.End);
        Assert.False(o.IncludeScl);
        Assert.False(o.IncludeValidMask);
        Assert.True(o.Compressed);
        Assert.Equal(2, o.CompressionLevel);
        Assert.Equal(2, o.TileCompressionLevel);
        Assert.Equal(0, (o with { Compressed = false }).TileCompressionLevel);
        Assert.Equal(8, o.MaxReadBudgetFactor);
        Assert.Equal(10, o.MaxStacRps);
        Assert.Equal(1, o.Timesteps);
        Assert.Null(o.MinTimesteps);
        Assert.Equal(1, o.RequiredTimesteps);
        Assert.Empty(o.Validate());
    }

    [Fact]
    public void Timesteps_are_1_to_24_and_min_timesteps_1_to_timesteps_defaulting_to_all()
    {
        var four = new BuildOptions { Timesteps = 4 };
        Assert.Equal(4, four.RequiredTimesteps);
        Assert.Equal(3, (four with { MinTimesteps = 3 }).RequiredTimesteps);
        Assert.Empty(four.Validate());
        Assert.Empty((four with { MinTimesteps = 1 }).Validate());
        Assert.Equal(["--timesteps 0 must be 1..24 (parts of the date window)"], new BuildOptions { Timesteps = 0 }.Validate());
        Assert.Equal(["--timesteps 25 must be 1..24 (parts of the date window)"], new BuildOptions { Timesteps = 25 }.Validate());
        Assert.Equal(["--min-timesteps 5 must be 1..4 (--timesteps)"], (four with { MinTimesteps = 5 }).Validate());
        Assert.Equal(["--min-timesteps 0 must be 1..4 (--timesteps)"], (four with { MinTimesteps = 0 }).Validate());
    }

    [Fact]
    public void Validate_reports_every_problem_including_selection()
    {
        var o = new BuildOptions
        {
            TilesX = 0,
            TilesY = 17,
            TileSize = 8,
            Workers = 0,
            Start = new DateOnly(2024, 2, 1),
            End = new DateOnly(2024, 1, 1),
            MaxReadBudgetFactor = 0.5,
            MaxStacRps = -1,
            CompressionLevel = 0,
            Selection = new SelectionOptions { MinClear = 2 },
        };
        var errors = o.Validate();
        Assert.Equal(
            [
                "--tiles across 0 must be 1..16",
                "--tiles down 17 must be 1..16",
                "tile size 8 must be 16..4096 (pixels)",
                "--workers 0 must be 1..64",
                "--start 2024-02-01 is after --end 2024-01-01",
                "--max-read-factor 0.5 must be at least 1 (multiple of the window's blocks)",
                "--max-stac-rps -1 must be 0..1000 (requests per second per process, 0 = no cap)",
                "--compression-level 0 must be 1..9 (zlib level)",
                "--min-clear 2 must be 0..1 (fraction of the AOI)",
            ],
            errors);
    }

    [Fact]
    public void ThrowIfInvalid_is_bad_input_naming_every_problem()
    {
        var o = new BuildOptions { Workers = 65, Selection = new SelectionOptions { MinValid = 2 } };

        var error = Assert.Throws<AxionException>(o.ThrowIfInvalid);

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Equal("invalid options: --workers 65 must be 1..64; --min-valid 2 must be 0..1 (fraction of a tile)", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(1000)]
    public void Max_stac_rps_of_zero_meaning_no_cap_and_up_to_a_thousand_is_valid(double rps) =>
        Assert.Empty(new BuildOptions { MaxStacRps = rps }.Validate());

    [Theory]
    [InlineData(1000.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Max_stac_rps_above_a_thousand_or_not_a_number_is_refused_naming_the_option(double rps) =>
        Assert.StartsWith("--max-stac-rps ", Assert.Single(new BuildOptions { MaxStacRps = rps }.Validate()), StringComparison.Ordinal);

    [Fact]
    public void ThrowIfInvalid_accepts_the_defaults()
    {
        new BuildOptions().ThrowIfInvalid();
    }

    [Fact]
    public void Default_struct_is_invalid_not_silently_zero()
    {
        Assert.NotEmpty(default(BuildOptions).Validate());
    }
}
