namespace Axion.TileBuilder.Cli.Hosting;

/// <summary>
/// The process settings that change a batch's CPU and memory but that the CLI cannot set for itself once started
/// (docs/benchmarks.md, "Runtime settings"), as <c>axion-tiles doctor</c> reports them: whether tiered compilation is off
/// (the published build's runtimeconfig.json turns it off; <c>DOTNET_TieredCompilation</c> overrides it) and glibc's
/// <c>MALLOC_ARENA_MAX</c>, with the advice when it is not set.
/// </summary>
internal static class RuntimeSettingsReport
{
    /// <summary>The runtimeconfig.json property the publish profile's <c>TieredCompilation</c> writes.</summary>
    public const string TieredCompilationProperty = "System.Runtime.TieredCompilation";

    /// <summary>The settings of this process, one line each.</summary>
    public static IReadOnlyList<string> Lines() => Lines(Environment.GetEnvironmentVariable, AppContext.GetData);

    /// <summary>The settings given by <paramref name="environment"/> and <paramref name="runtimeConfig"/> (for tests).</summary>
    public static IReadOnlyList<string> Lines(Func<string, string?> environment, Func<string, object?> runtimeConfig) =>
    [
        $"tiered compilation: {TieredCompilation(environment, runtimeConfig)}",
        environment("MALLOC_ARENA_MAX") is { Length: > 0 } arenas
            ? $"MALLOC_ARENA_MAX: {arenas}"
            : "MALLOC_ARENA_MAX: unset (glibc keeps up to 8 malloc arenas per core; export MALLOC_ARENA_MAX=2 before a batch for about 70 MB less at --workers 8)",
    ];

    private static string TieredCompilation(Func<string, string?> environment, Func<string, object?> runtimeConfig)
    {
        foreach (var variable in new[] { "DOTNET_TieredCompilation", "COMPlus_TieredCompilation" })
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                return $"{(value == "0" ? "off" : "on")} ({variable}={value})";
            }
        }

        return string.Equals(runtimeConfig(TieredCompilationProperty)?.ToString(), "false", StringComparison.OrdinalIgnoreCase)
            ? "off (the published build's runtimeconfig.json)"
            : "on (the runtime's default; the build of scripts/publish.sh turns it off)";
    }
}
