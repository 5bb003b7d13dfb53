using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Storage;
using Axion.TileBuilder.Storage.Locations;
using Axion.TileBuilder.Testing.Repository;

namespace Axion.TileBuilder.Cli.Tests.Deploy;

/// <summary>
/// The files in <c>deploy/</c> were never run (no container runtime or cluster here), so this checks what they rely on
/// against the CLI itself: their command lines parse without error in the CLI's own parser (every flag exists, every
/// value is in range), every environment variable they set is one the CLI reads, the output location parses and has
/// the credentials its scheme needs, every exit code in the Job's failure policy is one the CLI (or the kernel, or
/// System.CommandLine on a slow SIGTERM) gives, the grace period outlasts the CLI's wait after SIGTERM, and the paths
/// they pass are mounted, the work folder on an <c>emptyDir</c>.
/// </summary>
public sealed partial class DeployFilesTests
{
    private const int SigKill = 128 + 9; // set by the kernel (OOM kill, grace period over), never returned by the CLI

    private static readonly string Deploy = Path.Combine(RepositoryFiles.Root, "deploy");

    private static JobManifest Job => JobManifest.Read(Path.Combine(Deploy, "kubernetes", "indexed-job.yaml"));

    [Fact]
    public async Task Kubernetes_job_runs_only_flags_the_cli_has_with_shards_equal_to_completions()
    {
        var job = Job;
        var args = job.Args;

        Assert.Equal("build", args[0]);
        await AssertFlagsExistAsync("build", args.Where(a => a.StartsWith("--", StringComparison.Ordinal)), "indexed-job.yaml");
        Assert.Equal(job.Scalar("completions"), JobManifest.Value(args, "--shards"));
        Assert.Equal("Indexed", job.Scalar("completionMode"));
        Assert.Equal("Never", job.Scalar("restartPolicy"));
        Assert.NotNull(job.Scalar("backoffLimitPerIndex"));
        Assert.Equal("axion-tiles", job.Scalar("- name"));
        Assert.All(job.Lines.Where(l => l.Trim().StartsWith("containerName:", StringComparison.Ordinal)), l => Assert.EndsWith("containerName: axion-tiles", l.Trim(), StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", JobManifest.Value(args, "--start")); // fixed dates: retried pods search the same window
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", JobManifest.Value(args, "--end"));
    }

    [Fact]
    public void Kubernetes_job_arguments_parse_without_errors_in_the_cli()
    {
        AssertParses(Job.Args, "indexed-job.yaml");
    }

    [Fact]
    public void Kubernetes_job_sets_only_environment_variables_the_cli_reads()
    {
        var names = Job.Env.Select(e => e.Name).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(CliReads(name), $"indexed-job.yaml sets {name}, which axion-tiles does not read"));
    }

    [Fact]
    public void Kubernetes_output_is_a_bucket_whose_credentials_come_from_the_secret_the_header_creates()
    {
        var job = Job;
        var location = OutputLocation.Parse(JobManifest.Value(job.Args, "--out"));
        Assert.True(location.IsRemote, "indexed-job.yaml writes to a local folder; it is meant to write to a bucket");
        var env = job.Env;
        string[] needed = location.Kind == OutputLocationKind.AzureBlob
            ? [StorageVariables.AzureConnectionString, StorageVariables.AzureAccount, StorageVariables.AzureSasToken] // each way the connector accepts
            : [StorageVariables.AwsAccessKeyId, StorageVariables.AwsSecretAccessKey];
        Assert.All(needed, name => Assert.Contains(env, e => e.Name == name && e.Secret is not null));

        // Every Secret the variables name, with every key, is what the commented 'kubectl create secret' makes.
        var created = job.CommentedCommands("kubectl create secret generic ").ToList();
        Assert.NotEmpty(created);
        foreach (var (name, secret, key) in env.Where(e => e.Secret is not null))
        {
            Assert.Contains(created, c => c.StartsWith($"kubectl create secret generic {secret} ", StringComparison.Ordinal));
            Assert.True(job.Lines.Any(l => l.Contains($"--from-literal={key}=", StringComparison.Ordinal)), $"{name} reads key {key} of Secret {secret}, which the header's kubectl command does not create");
        }

        // The CSV is an object in the same store (credentials as --out), uploaded by the header's command under that name.
        var csv = JobManifest.Value(job.Args, "--csv");
        var csvFolder = OutputLocation.Parse(csv[..csv.LastIndexOf('/')]);
        Assert.Equal(location.Kind, csvFolder.Kind);
        var upload = job.CommentedCommands("az storage blob upload ").Single();
        Assert.Contains($"--container-name {csvFolder.Container} ", upload, StringComparison.Ordinal);
        Assert.Contains($"--name {csvFolder.Prefix}{csv[(csv.LastIndexOf('/') + 1)..]} ", upload, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_failure_policy_uses_the_cli_exit_codes_and_fails_an_index_at_once_on_bad_input()
    {
        var job = Job;
        var rules = job.ExitCodeRules;
        var cliCodes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).ToHashSet();
        var slowSigterm = ForcedSigtermExitCode();

        Assert.All(rules.SelectMany(r => r.Codes), code => Assert.True(cliCodes.Contains(code) || code == SigKill || code == slowSigterm, $"exit code {code} is not one axion-tiles returns"));
        Assert.Contains(rules, r => r.Action == "FailIndex" && r.Codes.Contains(ExitCodes.UsageOrBadInput));
        Assert.Contains(rules, r => r.Action is "Count" or "Ignore" && r.Codes.Contains(ExitCodes.Fatal));
        Assert.Contains(rules, r => r.Action == "Ignore" && r.Codes.Contains(ExitCodes.Cancelled));
        Assert.Contains(rules, r => r.Action == "Ignore" && r.Codes.Contains(slowSigterm));
        Assert.Contains(rules, r => r.Action == "Count" && r.Codes.Contains(SigKill)); // Ignore would retry an always-OOM pod forever
        Assert.All(cliCodes.Where(c => c != ExitCodes.Ok), code => Assert.Contains(rules, r => r.Codes.Contains(code))); // every failure code has a rule
        Assert.Equal(rules.SelectMany(r => r.Codes).Count(), rules.SelectMany(r => r.Codes).Distinct().Count()); // one rule per code

        // Exit 3 fails its index; a Job-wide cap on failed indexes would then stop healthy shards that had a failed row.
        if (rules.Any(r => r.Action == "FailIndex" && r.Codes.Contains(ExitCodes.FinishedWithFailures)) && job.Scalar("maxFailedIndexes") is not null)
        {
            Assert.True(job.Number("maxFailedIndexes") >= job.Number("completions"), "maxFailedIndexes below completions stops the Job when shards finish with a few failed rows (exit 3)");
        }
    }

    [Fact]
    public void Kubernetes_grace_period_outlasts_the_clis_wait_for_the_last_snapshot_after_sigterm()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "Axion.TileBuilder.Cli", "AxionCli.cs"));
        var wait = TerminationTimeout().Match(source);
        Assert.True(wait.Success, "AxionCli.cs no longer sets ProcessTerminationTimeout = TimeSpan.FromSeconds(N)");
        var seconds = int.Parse(wait.Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.True(Job.Number("terminationGracePeriodSeconds") >= seconds + 10, $"terminationGracePeriodSeconds must leave the CLI its {seconds} s after SIGTERM plus time to exit");
    }

    [Fact]
    public void Kubernetes_paths_are_mounted_the_work_folder_on_an_empty_dir_and_memory_covers_the_benchmark_peak()
    {
        var job = Job;
        var args = job.Args;
        var mounts = job.Mounts;
        var emptyDirs = job.EmptyDirs;

        var csv = JobManifest.Value(args, "--csv");
        Assert.True(csv.StartsWith("az://", StringComparison.Ordinal) || csv.StartsWith("s3://", StringComparison.Ordinal) || mounts.Values.Any(m => csv.StartsWith(m + "/", StringComparison.Ordinal)), $"--csv {csv} is neither in a store nor on a mounted volume");
        if (OutputLocation.Parse(JobManifest.Value(args, "--out")).IsRemote)
        {
            // The work folder must start empty on a new pod (so the journal is restored from its snapshot) and be writable.
            var workDir = JobManifest.Value(args, "--work-dir");
            Assert.Contains(mounts, m => emptyDirs.Contains(m.Key) && workDir.StartsWith(m.Value + "/", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(mounts.Values, m => JobManifest.Value(args, "--out").StartsWith(m + "/", StringComparison.Ordinal));
        }

        Assert.Contains(mounts, m => m.Value == "/tmp" && emptyDirs.Contains(m.Key)); // the root file system is read-only
        Assert.Equal("true", job.Scalar("readOnlyRootFilesystem"));
        var memory = job.Lines.Select(l => l.Trim()).First(l => l.StartsWith("memory:", StringComparison.Ordinal));
        Assert.True(int.Parse(memory["memory:".Length..].Trim().TrimEnd('i', 'M'), CultureInfo.InvariantCulture) >= 450, "docs/benchmarks.md: about 450 MB peak at 8 workers");
        Assert.Equal("8", JobManifest.Value(args, "--workers"));
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
        var code = script.Where(l => !l.TrimStart().StartsWith('#')).SelectMany(l => ScriptFlag().Matches(l)).Select(m => m.Value);
        var extra = script.SelectMany(l => AxionArgs().Matches(l)).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        await AssertFlagsExistAsync("build", code.Concat(extra).Where(t => t.StartsWith("--", StringComparison.Ordinal)), "array.sbatch");
        Assert.DoesNotContain("--shard", tokens); // the shard comes from SLURM_ARRAY_TASK_ID / _MIN / _COUNT
        Assert.DoesNotContain(script, l => l.TrimStart().StartsWith("export ", StringComparison.Ordinal) && l.TrimStart()["export ".Length..].Split('=')[0] is var name
            && !CliReads(name) && !RuntimeSettings.ContainsKey(name));
        Assert.Contains(script, l => l.StartsWith("#SBATCH --array=0-", StringComparison.Ordinal)); // ids from 0: shard = task id
    }

    [Theory]
    [InlineData("/shared/project/tiles", false)]
    [InlineData("az://tiles/run1", true)]
    [InlineData("s3://tiles/run1", true)]
    public async Task Slurm_script_gives_a_command_line_the_cli_parses_with_a_node_local_work_folder_for_a_bucket(string output, bool bucket)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "axion-slurm-" + Guid.NewGuid().ToString("N"));
        var args = await RunSlurmScriptAsync(new Dictionary<string, string>
        {
            ["CSV"] = "/shared/project/locations.csv",
            ["OUT"] = output,
            ["AXION"] = "printf %s\\n", // one argument per line instead of running the CLI
            ["TMPDIR"] = scratch,
            ["SLURM_ARRAY_JOB_ID"] = "4242",
            ["SLURM_ARRAY_TASK_ID"] = "3",
        });

        Assert.Equal("build", args[0]);
        Assert.Equal(output, JobManifest.Value(args, "--out"));
        AssertParses(args, "array.sbatch with OUT=" + output);
        if (bucket)
        {
            Assert.Equal(Path.Combine(scratch, "axion-tiles-4242-3"), JobManifest.Value(args, "--work-dir")); // node-local, one per task
        }
        else
        {
            Assert.DoesNotContain("--work-dir", args);
        }
    }

    [Fact]
    public void Container_is_debian_12_with_libgdal32_and_runs_the_self_contained_build_of_the_publish_script()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "container", "Dockerfile"));
        var from = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal("FROM debian:12-slim", from[^1]);
        Assert.Contains(lines, l => l.Contains("libgdal32", StringComparison.Ordinal));
        var publish = lines.Single(l => l.Contains("dotnet publish ", StringComparison.Ordinal));
        var project = publish.Split(' ').Single(t => t.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, project)), project + " does not exist");

        // The image runs what scripts/publish.sh builds and the benchmark measures: the same publish profile, which
        // makes the CLI self-contained (the final stage has no .NET runtime of its own) and names its executable.
        var script = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "scripts", "publish.sh"));
        var profile = PublishProfile().Match(publish).Groups[1].Value;
        Assert.Equal(profile, PublishProfile().Match(script).Groups[1].Value);
        var pubxml = XDocument.Load(Path.Combine(RepositoryFiles.Root, Path.GetDirectoryName(project)!, "Properties", "PublishProfiles", profile + ".pubxml"));
        Assert.Equal("true", pubxml.Descendants("SelfContained").Single().Value);
        Assert.Equal("linux-x64", pubxml.Descendants("RuntimeIdentifier").Single().Value);
        Assert.Equal("false", pubxml.Descendants("TieredCompilation").Single().Value); // docs/benchmarks.md, "Runtime settings"
        Assert.Contains("/release_linux-x64/", script, StringComparison.Ordinal);
        var executable = typeof(ExitCodes).Assembly.GetName().Name!;
        Assert.Contains($"ENTRYPOINT [\"/app/{executable}\"]", lines);
        Assert.Contains($"AXION=\"${{AXION:-/opt/axion-tiles/{executable}}}\"", File.ReadAllText(Path.Combine(Deploy, "slurm", "array.sbatch")), StringComparison.Ordinal);

        var yaml = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "indexed-job.yaml"));
        var uid = lines.Single(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..];
        Assert.Contains("runAsUser: " + uid, yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_slurm_script_demo_and_benchmark_start_the_process_with_the_same_runtime_settings()
    {
        var settings = RuntimeSettings;
        var dockerfile = File.ReadAllLines(Path.Combine(Deploy, "container", "Dockerfile"));
        var env = dockerfile.Single(l => l.StartsWith("ENV ", StringComparison.Ordinal))["ENV ".Length..].Split(' ');
        Assert.Equal(settings.Select(kv => $"{kv.Key}={kv.Value}").Order(StringComparer.Ordinal), env.Order(StringComparer.Ordinal));
        var sbatch = File.ReadAllText(Path.Combine(Deploy, "slurm", "array.sbatch"));
        var bench = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "scripts", "bench.sh"));
        var demo = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "scripts", "demo.sh"));
        foreach (var (name, value) in settings)
        {
            Assert.Contains($"export {name}=\"${{{name}:-{value}}}\"", sbatch, StringComparison.Ordinal);
            Assert.Contains($"export {name}=\"${{{name}-{value}}}\"", bench, StringComparison.Ordinal);
            Assert.Contains($"{name}=\"${{{name}-{value}}}\"", demo, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The environment the process is started with, read by glibc rather than by the CLI (docs/benchmarks.md, "Memory"):
    /// what the benchmark measures is what the deploy files run. (The .NET runtime's settings are in the publish profile.)
    /// </summary>
    private static Dictionary<string, string> RuntimeSettings => new(StringComparer.Ordinal) { ["MALLOC_ARENA_MAX"] = "2" };

    /// <summary>
    /// True when the CLI reads environment variable <paramref name="name"/>: the shard variables, the output stores'
    /// (<see cref="StorageVariables"/>), or a literal in its sources.
    /// </summary>
    private static bool CliReads(string name) =>
        ShardEnvironment.Variables.Contains(name)
        || typeof(StorageVariables).GetFields(BindingFlags.Public | BindingFlags.Static).Any(f => f.IsLiteral && (string?)f.GetRawConstantValue() == name)
        || Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Any(f => File.ReadAllText(f).Contains($"GetEnvironmentVariable(\"{name}\")", StringComparison.Ordinal));

    /// <summary>The exit code System.CommandLine gives when the command has not returned within the termination timeout after SIGTERM.</summary>
    private static int ForcedSigtermExitCode()
    {
        var handler = typeof(RootCommand).Assembly.GetType("System.CommandLine.Invocation.ProcessTerminationHandler", throwOnError: true)!;
        var field = handler.GetField("SIGTERM_EXIT_CODE", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.True(field is not null, "System.CommandLine no longer has ProcessTerminationHandler.SIGTERM_EXIT_CODE; see what it returns on a slow SIGTERM");
        return (int)field.GetRawConstantValue()!;
    }

    /// <summary>Parses <paramref name="args"/> with the CLI's own command tree: unknown flags and out-of-range values are errors.</summary>
    private static void AssertParses(IReadOnlyList<string> args, string file)
    {
        var root = AxionCli.BuildRoot(new CommandRunner(TextWriter.Null, TextWriter.Null));
        var errors = root.Parse(args).Errors.Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, $"{file}: axion-tiles {string.Join(' ', args)}\n" + string.Join("\n", errors));
    }

    private static async Task AssertFlagsExistAsync(string command, IEnumerable<string> flags, string file)
    {
        var help = await CliHarness.RunAsync(command, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        var known = HelpFlag().Matches(help.Stdout).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(known);
        Assert.All(flags, flag => Assert.True(known.Contains(flag), $"{file} passes {flag}, which 'axion-tiles {command} --help' does not list"));
    }

    /// <summary>Runs <c>deploy/slurm/array.sbatch</c> with bash and only <paramref name="environment"/>; returns the lines it printed.</summary>
    private static async Task<List<string>> RunSlurmScriptAsync(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Deploy, "slurm", "array.sbatch"));
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"array.sbatch exited {process.ExitCode}: {await stderr}");
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    [GeneratedRegex(@"^\s*(?:-[a-zA-Z], )?(--[a-z0-9-]+)\b", RegexOptions.Multiline)]
    private static partial Regex HelpFlag();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex ScriptFlag();

    [GeneratedRegex(@"AXION_ARGS=""([^""]*)""")]
    private static partial Regex AxionArgs();

    [GeneratedRegex(@"ProcessTerminationTimeout\s*=\s*TimeSpan\.FromSeconds\((\d+)\)")]
    private static partial Regex TerminationTimeout();

    [GeneratedRegex(@"-p:PublishProfile=([\w-]+)")]
    private static partial Regex PublishProfile();
}
