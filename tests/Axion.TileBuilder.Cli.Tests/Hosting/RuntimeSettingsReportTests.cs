using Axion.TileBuilder.Cli.Hosting;

namespace Axion.TileBuilder.Cli.Tests.Hosting;

/// <summary>What <c>doctor</c> says of the process settings the CLI cannot set for itself (docs/benchmarks.md, "Runtime settings").</summary>
public sealed class RuntimeSettingsReportTests
{
    [Fact]
    public void The_published_builds_runtimeconfig_turns_tiering_off_and_the_malloc_setting_is_shown()
    {
        var lines = Report(new() { ["MALLOC_ARENA_MAX"] = "2" }, tieredInRuntimeConfig: false);

        Assert.Equal(["tiered compilation: off (the published build's runtimeconfig.json)", "MALLOC_ARENA_MAX: 2"], lines);
    }

    [Theory]
    [InlineData("DOTNET_TieredCompilation", "1", "on (DOTNET_TieredCompilation=1)")]
    [InlineData("COMPlus_TieredCompilation", "0", "off (COMPlus_TieredCompilation=0)")]
    public void The_environment_overrides_the_runtimeconfig(string variable, string value, string said)
    {
        var lines = Report(new() { [variable] = value }, tieredInRuntimeConfig: value == "1" ? false : null);

        Assert.Equal("tiered compilation: " + said, lines[0]);
    }

    [Fact]
    public void Without_either_setting_it_says_what_to_do()
    {
        var lines = Report([], tieredInRuntimeConfig: null);

        Assert.Equal("tiered compilation: on (the runtime's default; the build of scripts/publish.sh turns it off)", lines[0]);
        Assert.StartsWith("MALLOC_ARENA_MAX: unset", lines[1], StringComparison.Ordinal);
        Assert.Contains("export MALLOC_ARENA_MAX=2", lines[1], StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Report(Dictionary<string, string> environment, bool? tieredInRuntimeConfig) =>
        RuntimeSettingsReport.Lines(
            name => environment.GetValueOrDefault(name),
            name => name == RuntimeSettingsReport.TieredCompilationProperty && tieredInRuntimeConfig is { } tiered ? (tiered ? "true" : "false") : null);
}
