using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Cli.Commands;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Validation;

namespace Axion.TileBuilder.Cli.Tests.Commands;

/// <summary>Each build option's default has one home (<see cref="BuildOptionSpecs"/>): the command line, the journal's settings, the build options and --help agree.</summary>
public sealed class BuildOptionSetTests
{
    [Fact]
    public void Command_line_defaults_are_the_run_settings_and_build_options_defaults()
    {
        var settings = DefaultSettings();

        var defaults = new RunSettings { CsvPath = Path.GetFullPath("rows.csv"), Profile = BuiltInProfiles.PlanetaryComputer };
        Assert.Equal(defaults.ToJson(), settings.ToJson());
        Assert.Equal(new BuildOptions(), settings.ToBuildOptions());
    }

    [Theory]
    [InlineData("build")]
    [InlineData("plan")]
    [InlineData("demo")]
    public async Task Every_numeric_option_has_one_default_on_the_command_line_in_the_settings_the_options_and_help(string commandName)
    {
        var settings = DefaultSettings();
        var run = new RunSettings { CsvPath = "rows.csv", Profile = BuiltInProfiles.PlanetaryComputer };
        var build = new BuildOptions();
        var help = await HelpAsync(commandName);

        Check(BuildOptionSpecs.WindowDays, settings.WindowDays, run.WindowDays, build.Selection.DefaultWindowDays, help);
        Check(BuildOptionSpecs.MaxSceneCloud, settings.MaxSceneCloud, run.MaxSceneCloud, build.Selection.MaxSceneCloud, help);
        Check(BuildOptionSpecs.MinClear, settings.MinClear, run.MinClear, build.Selection.MinClear, help);
        Check(BuildOptionSpecs.MinValid, settings.MinValid, run.MinValid, build.Selection.MinValid, help);
        Check(BuildOptionSpecs.MaxCandidates, settings.MaxCandidates, run.MaxCandidates, build.Selection.MaxCandidatesToCheck, help);
        Check(BuildOptionSpecs.S1MaxDays, settings.S1MaxDays, run.S1MaxDays, build.Selection.S1MaxDays, help);
        Check(BuildOptionSpecs.Workers, settings.Workers, run.Workers, build.Workers, help);
        Check(BuildOptionSpecs.MaxReadFactor, settings.MaxReadFactor, run.MaxReadFactor, build.MaxReadBudgetFactor, help);
        Check(BuildOptionSpecs.MaxStacRps, settings.MaxStacRps, run.MaxStacRps, build.MaxStacRps, help);
        Check(BuildOptionSpecs.CompressionLevel, settings.CompressionLevel, run.CompressionLevel, build.CompressionLevel, help);

        Assert.Equal((BuildOptionSpecs.TilesX.Default, BuildOptionSpecs.TilesY.Default), (settings.TilesX, settings.TilesY));
        Assert.Equal((BuildOptionSpecs.TilesX.Default, BuildOptionSpecs.TilesY.Default), (run.TilesX, run.TilesY));
        Assert.Equal((BuildOptionSpecs.TilesX.Default, BuildOptionSpecs.TilesY.Default), (build.TilesX, build.TilesY));
        var tiles = string.Create(CultureInfo.InvariantCulture, $"{BuildOptionSpecs.TilesX.Default}x{BuildOptionSpecs.TilesY.Default}");
        Assert.Contains($"Default {tiles} ", HelpLine(help, "--tiles"), StringComparison.Ordinal);
        Assert.Equal(BuildOptionSpecs.TileSize.Default, run.TileSize);
        Assert.Equal(BuildOptionSpecs.TileSize.Default, build.TileSize);
    }

    [Fact]
    public async Task Validate_takes_its_min_valid_default_from_the_build_option()
    {
        var help = await HelpAsync("validate");

        Assert.Equal(BuildOptionSpecs.MinValid.Default, new ValidationOptions().MinValid);
        Assert.Contains(BuildOptionSpecs.MinValid.DefaultText, HelpLine(help, BuildOptionSpecs.MinValid.Name), StringComparison.Ordinal);
        Assert.Contains($"Default {new ValidationOptions().MaxListed}.", HelpLine(help, "--max-listed"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_offers_the_rate_and_jitter_and_says_it_keeps_the_stored_rate()
    {
        var help = await HelpAsync("resume");

        Assert.Contains("Default: as the batch was started.", HelpLine(help, BuildOptionSpecs.MaxStacRps.Name), StringComparison.Ordinal);
        Assert.Contains("0 unsharded", HelpLine(help, BuildOptionSpecs.StartJitter.Name), StringComparison.Ordinal);
        Assert.Contains("0 unsharded", HelpLine(await HelpAsync("build"), BuildOptionSpecs.StartJitter.Name), StringComparison.Ordinal);
        Assert.DoesNotContain(BuildOptionSpecs.StartJitter.Name, await HelpAsync("plan"), StringComparison.Ordinal); // plan never waits
    }

    [Fact]
    public void Demo_has_no_catalog_options()
    {
        var demo = new Command("demo");
        new BuildOptionSet(catalogOptions: false).AddTo(demo);

        Assert.DoesNotContain(demo.Options, o => o.Name is "--catalog" or "--stac-url" or "--token-url");
        Assert.Contains(demo.Options, o => o.Name == BuildOptionSpecs.MinValid.Name);
    }

    private static RunSettings DefaultSettings()
    {
        var set = new BuildOptionSet();
        var command = new Command("build");
        set.AddTo(command);
        return set.Settings(command.Parse(Array.Empty<string>()), "rows.csv");
    }

    private static void Check<T>(OptionSpec<T> spec, T commandLine, T runSettings, T buildOptions, string help)
        where T : struct, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>
    {
        Assert.Equal(spec.Default, commandLine);
        Assert.Equal(spec.Default, runSettings);
        Assert.Equal(spec.Default, buildOptions);
        var line = HelpLine(help, spec.Name);
        Assert.Contains(spec.DefaultText, line, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"[default: {spec.Default}]"), line, StringComparison.Ordinal);
    }

    private static async Task<string> HelpAsync(string command)
    {
        var result = await CliHarness.RunAsync(command, "--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    /// <summary>The help text of <paramref name="option"/>: from its line up to the next option's.</summary>
    private static string HelpLine(string help, string option)
    {
        var lines = help.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith(option + " <", StringComparison.Ordinal) || l.Contains(", " + option + " <", StringComparison.Ordinal));
        Assert.True(start >= 0, $"{option} is not in the help:\n{help}");
        var end = Array.FindIndex(lines, start + 1, l => l.TrimStart().StartsWith('-'));
        return string.Join(" ", lines[start..(end < 0 ? lines.Length : end)].Select(l => l.Trim()));
    }
}
