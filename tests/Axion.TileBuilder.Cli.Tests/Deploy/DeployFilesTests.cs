using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Testing.Repository;

namespace Axion.TileBuilder.Cli.Tests.Deploy;

/// <summary>
/// The files in <c>deploy/</c> were never run (no container runtime or cluster here), so this checks what they rely on
/// against the CLI itself: every flag is in the command's <c>--help</c>, every environment variable they set is one the
/// CLI reads, every exit code in the Job's failure policy is one the CLI returns (or SIGKILL's 137), and the paths
/// they pass are mounted.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryFiles.Root, "deploy");

    [Fact]
    public async Task Kubernetes_job_runs_only_flags_the_cli_has_with_shards_equal_to_completions()
    {
        var yaml = await File.ReadAllLinesAsync(Path.Combine(Deploy, "kubernetes", "indexed-job.yaml"));
        var args = ListUnder(yaml, "args:");

        Assert.Equal("build", args[0]);
        await AssertFlagsExistAsync("build", args.Where(a => a.StartsWith("--", StringComparison.Ordinal)), "indexed-job.yaml");
        Assert.Equal(Scalar(yaml, "completions"), Value(args, "--shards"));
        Assert.Equal("Indexed", Scalar(yaml, "completionMode"));
        Assert.Equal("Never", Scalar(yaml, "restartPolicy"));
        Assert.NotNull(Scalar(yaml, "backoffLimitPerIndex"));
        Assert.Equal("axion-tiles", Scalar(yaml, "- name"));
        Assert.All(yaml.Where(l => l.Trim().StartsWith("containerName:", StringComparison.Ordinal)), l => Assert.EndsWith("containerName: axion-tiles", l.Trim(), StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Value(args, "--start")); // fixed dates: retried pods search the same window
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", Value(args, "--end"));
    }

    [Fact]
    public void Kubernetes_job_sets_only_environment_variables_the_cli_reads()
    {
        var yaml = File.ReadAllLines(Path.Combine(Deploy, "kubernetes", "indexed-job.yaml"));
        var envStart = Array.FindIndex(yaml, l => l.Trim() == "env:");
        Assert.True(envStart > 0, "no env: in indexed-job.yaml");
        var indent = yaml[envStart].Length - yaml[envStart].TrimStart().Length;
        var names = yaml.Skip(envStart + 1).TakeWhile(l => l.Length - l.TrimStart().Length > indent || l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
            .Select(l => NameLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(CliReads(name), $"indexed-job.yaml sets {name}, which axion-tiles does not read"));
    }

    [Fact]
    public void Kubernetes_failure_policy_uses_the_cli_exit_codes_and_fails_an_index_at_once_on_bad_input()
    {
        var yaml = File.ReadAllLines(Path.Combine(Deploy, "kubernetes", "indexed-job.yaml"));
        var rules = new List<(string Action, int[] Codes)>();
        string? action = null;
        foreach (var line in yaml.Select(l => l.Trim()))
        {
            if (line.StartsWith("- action:", StringComparison.Ordinal))
            {
                action = line["- action:".Length..].Trim();
            }
            else if (line.StartsWith("values:", StringComparison.Ordinal) && action is not null)
            {
                rules.Add((action, line["values:".Length..].Trim().Trim('[', ']').Split(',').Select(v => int.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToArray()));
            }
        }

        var cliCodes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).ToHashSet();
        const int SigKill = 128 + 9; // set by the kernel (OOM kill, grace period over), never returned by the CLI
        Assert.All(rules.SelectMany(r => r.Codes), code => Assert.True(cliCodes.Contains(code) || code == SigKill, $"exit code {code} is not one axion-tiles returns"));
        Assert.Contains(rules, r => r.Action == "FailIndex" && r.Codes.Contains(ExitCodes.UsageOrBadInput));
        Assert.Contains(rules, r => r.Action is "Count" or "Ignore" && r.Codes.Contains(ExitCodes.Fatal));
        Assert.Contains(rules, r => r.Action is "Count" or "Ignore" && r.Codes.Contains(ExitCodes.Cancelled));
        Assert.Contains(rules, r => r.Action is "Count" or "Ignore" && r.Codes.Contains(SigKill));
        Assert.All(cliCodes.Where(c => c != ExitCodes.Ok), code => Assert.Contains(rules, r => r.Codes.Contains(code))); // every failure code has a rule
    }

    [Fact]
    public void Kubernetes_paths_are_mounted_and_memory_covers_the_benchmark_peak()
    {
        var yaml = File.ReadAllLines(Path.Combine(Deploy, "kubernetes", "indexed-job.yaml"));
        var args = ListUnder(yaml, "args:");
        var mounts = yaml.Select(l => l.Trim()).Where(l => l.StartsWith("mountPath:", StringComparison.Ordinal)).Select(l => l["mountPath:".Length..].Trim()).ToList();

        Assert.Contains(mounts, m => Value(args, "--csv").StartsWith(m + "/", StringComparison.Ordinal));
        Assert.Contains(mounts, m => Value(args, "--out").StartsWith(m + "/", StringComparison.Ordinal));
        Assert.Contains("/tmp", mounts); // the emptyDir scratch folder (the root file system is read-only)
        Assert.Contains(yaml, l => l.Trim() == "emptyDir:");
        var memory = yaml.Select(l => l.Trim()).First(l => l.StartsWith("memory:", StringComparison.Ordinal));
        Assert.True(int.Parse(memory["memory:".Length..].Trim().TrimEnd('i', 'M'), CultureInfo.InvariantCulture) >= 450, "docs/benchmarks.md: about 450 MB peak at 8 workers");
        Assert.Equal("8", Value(args, "--workers"));
    }

    [Fact]
    public async Task Slurm_script_runs_only_flags_the_cli_has_and_leaves_the_shard_to_the_array_variables()
    {
        var script = await File.ReadAllLinesAsync(Path.Combine(Deploy, "slurm", "array.sbatch"));
        var exec = Array.FindIndex(script, l => l.StartsWith("exec $AXION build", StringComparison.Ordinal));
        Assert.True(exec >= 0, "array.sbatch has no 'exec $AXION build' line");
        var command = new List<string>();
        for (var i = exec; i < script.Length; i++)
        {
            command.Add(script[i].TrimEnd('\\').Trim());
            if (!script[i].TrimEnd().EndsWith('\\'))
            {
                break;
            }
        }

        var tokens = string.Join(' ', command).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var extra = script.SelectMany(l => AxionArgs().Matches(l)).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        await AssertFlagsExistAsync("build", tokens.Concat(extra).Where(t => t.StartsWith("--", StringComparison.Ordinal)), "array.sbatch");
        Assert.DoesNotContain("--shard", tokens); // the shard comes from SLURM_ARRAY_TASK_ID / _MIN / _COUNT
        Assert.DoesNotContain(script, l => l.TrimStart().StartsWith("export ", StringComparison.Ordinal) && !CliReads(l.TrimStart()["export ".Length..].Split('=')[0]));
        Assert.Contains(script, l => l.StartsWith("#SBATCH --array=0-", StringComparison.Ordinal)); // ids from 0: shard = task id
    }

    [Fact]
    public void Container_is_debian_12_with_libgdal32_and_starts_the_cli_assembly()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "container", "Dockerfile"));
        var from = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal("FROM debian:12-slim", from[^1]);
        Assert.Contains(lines, l => l.Contains("libgdal32", StringComparison.Ordinal));
        Assert.Contains(from, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/runtime:10.0", StringComparison.Ordinal));
        var dll = typeof(ExitCodes).Assembly.GetName().Name + ".dll";
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"/app/{dll}\"]", lines);
        var publish = lines.Single(l => l.Contains("dotnet publish ", StringComparison.Ordinal)).Split(' ').Single(t => t.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, publish)), publish + " does not exist");
        var yaml = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "indexed-job.yaml"));
        var uid = lines.Single(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..];
        Assert.Contains("runAsUser: " + uid, yaml, StringComparison.Ordinal);
    }

    /// <summary>True when the CLI reads environment variable <paramref name="name"/> (the shard variables, or a literal in its sources).</summary>
    private static bool CliReads(string name) =>
        ShardEnvironment.Variables.Contains(name)
        || Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Any(f => File.ReadAllText(f).Contains($"GetEnvironmentVariable(\"{name}\")", StringComparison.Ordinal));

    private static async Task AssertFlagsExistAsync(string command, IEnumerable<string> flags, string file)
    {
        var help = await CliHarness.RunAsync(command, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        var known = HelpFlag().Matches(help.Stdout).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(known);
        Assert.All(flags, flag => Assert.True(known.Contains(flag), $"{file} passes {flag}, which 'axion-tiles {command} --help' does not list"));
    }

    /// <summary>The items of the YAML list after the first line <paramref name="key"/>: unquoted, comments dropped.</summary>
    private static List<string> ListUnder(string[] yaml, string key)
    {
        var start = Array.FindIndex(yaml, l => l.Trim() == key);
        Assert.True(start >= 0, "no " + key);
        return yaml.Skip(start + 1).Select(l => l.Trim()).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => Comment().Replace(l[2..], string.Empty).Trim().Trim('"')).ToList();
    }

    /// <summary>The value of the first <c>key: value</c> line, comments dropped; null when absent.</summary>
    private static string? Scalar(string[] yaml, string key) =>
        yaml.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal)) is { } line
            ? Comment().Replace(line[(key.Length + 1)..], string.Empty).Trim().Trim('"')
            : null;

    private static string Value(List<string> args, string flag)
    {
        var i = args.IndexOf(flag);
        Assert.True(i >= 0 && i + 1 < args.Count, $"no value for {flag}");
        return args[i + 1];
    }

    [GeneratedRegex(@"^\s*(?:-[a-zA-Z], )?(--[a-z0-9-]+)\b", RegexOptions.Multiline)]
    private static partial Regex HelpFlag();

    [GeneratedRegex(@"^\s*- name:\s*([A-Z0-9_]+)")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"AXION_ARGS=""([^""]*)""")]
    private static partial Regex AxionArgs();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();
}
