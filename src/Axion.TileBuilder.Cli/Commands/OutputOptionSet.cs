using System.CommandLine;
using System.Globalization;
using Axion.TileBuilder.Cli.Hosting;
using Axion.TileBuilder.Pipeline.Remote;
using Axion.TileBuilder.Sharding;
using Axion.TileBuilder.Storage;
using Axion.TileBuilder.Storage.Locations;
using Serilog;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// <c>--out</c> (a local folder, <c>az://CONTAINER/PREFIX</c> or <c>s3://BUCKET/PREFIX</c>) and, for the commands that
/// run a batch (<c>build</c>, <c>resume</c>), <c>--work-dir</c>, <c>--checkpoint-rows</c> and <c>--checkpoint-seconds</c>.
/// </summary>
internal sealed class OutputOptionSet
{
    /// <summary>What <c>--out</c> accepts, for the commands' descriptions.</summary>
    public const string Forms = "a local folder, az://CONTAINER/PREFIX (Azure Blob Storage) or s3://BUCKET/PREFIX (S3 or S3-compatible; docs/scale-out.md has the credential variables)";

    private readonly bool _runsBatch;

    /// <param name="description">The description of <c>--out</c> for this command.</param>
    /// <param name="runsBatch">Offer the work folder and checkpoint options.</param>
    /// <param name="defaultOut">The default of <c>--out</c>, or null when it is required.</param>
    public OutputOptionSet(string description, bool runsBatch, string? defaultOut = null)
    {
        _runsBatch = runsBatch;
        Out = new Option<string>("--out", "-o") { Description = description, HelpName = "OUT", Required = defaultOut is null };
        if (defaultOut is not null)
        {
            Out.DefaultValueFactory = _ => defaultOut;
        }
    }

    public Option<string> Out { get; }

    public Option<DirectoryInfo?> WorkDir { get; } = new("--work-dir")
    {
        Description = "With an az:// or s3:// --out: the local folder the batch runs in (live journal, tiles being written and uploaded). "
            + "Default: <cache>/work/<az|s3>/<container>/<prefix> under $AXION_CACHE_DIR (else ~/.cache/axion-tiles). "
            + "On Kubernetes an emptyDir: when it starts empty, the shard's journal is restored from its last snapshot in --out.",
    };

    public Option<int> CheckpointRows { get; } = new("--checkpoint-rows")
    {
        Description = Text($"With an az:// or s3:// --out: upload a snapshot of the journal to <out>/_journal/ every N finished rows (1-1000000), or after --checkpoint-seconds, whichever comes first, and at exit (also on SIGTERM). Default {CheckpointPolicy.DefaultRows}."),
        DefaultValueFactory = _ => CheckpointPolicy.DefaultRows,
    };

    public Option<double> CheckpointSeconds { get; } = new("--checkpoint-seconds")
    {
        Description = Text($"With an az:// or s3:// --out: the longest time between two journal snapshots while rows finish, seconds (1-86400). Default {CheckpointPolicy.DefaultSeconds}."),
        DefaultValueFactory = _ => CheckpointPolicy.DefaultSeconds,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        if (_runsBatch)
        {
            CheckpointRows.Validators.Add(r => Range(r, r.GetValueOrDefault<int>(), 1, 1_000_000, "--checkpoint-rows"));
            CheckpointSeconds.Validators.Add(r => Range(r, r.GetValueOrDefault<double>(), 1, 86_400, "--checkpoint-seconds"));
            command.Options.Add(WorkDir);
            command.Options.Add(CheckpointRows);
            command.Options.Add(CheckpointSeconds);
        }
    }

    /// <summary>The parsed <c>--out</c> (an <see cref="Errors.AxionException"/> of kind bad input, exit 2, when malformed).</summary>
    public OutputLocation Location(ParseResult parse) => OutputLocation.Parse(parse.GetRequiredValue(Out));

    /// <summary>
    /// Where a batch of <paramref name="shard"/> runs: the local <c>--out</c> folder, or for an object store its work
    /// folder and a <see cref="RemoteOutput"/> (credentials from the environment; nothing is sent yet). The caller
    /// disposes the result.
    /// </summary>
    public OutputTarget Resolve(ParseResult parse, ShardSpec? shard, ILogger log)
    {
        var location = Location(parse);
        if (!location.IsRemote)
        {
            return new OutputTarget(location.LocalPath, location.LocalPath, null);
        }

        var workDir = parse.GetValue(WorkDir)?.FullName ?? DefaultWorkDir(location);
        var store = ObjectStoreFactory.Create(location);
        var checkpoints = _runsBatch
            ? new CheckpointPolicy(parse.GetValue(CheckpointRows), TimeSpan.FromSeconds(parse.GetValue(CheckpointSeconds)))
            : CheckpointPolicy.Default;
        return new OutputTarget(location.ToString(), workDir, new RemoteOutput(store, workDir, shard, checkpoints, log));
    }

    /// <summary>
    /// For <c>status</c> and <c>merge</c>: the local <c>--out</c> folder, or for an object store a new temporary folder
    /// and the store (the caller downloads the journals with <see cref="RemoteOutput.DownloadJournalsAsync"/>; the
    /// folder is deleted with the result).
    /// </summary>
    public OutputTarget ResolveForReading(ParseResult parse, ILogger log)
    {
        var location = Location(parse);
        if (!location.IsRemote)
        {
            return new OutputTarget(location.LocalPath, location.LocalPath, null);
        }

        var copy = Path.Combine(Path.GetTempPath(), "axion-tiles-journals-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        return new OutputTarget(location.ToString(), copy, new RemoteOutput(ObjectStoreFactory.Create(location), copy, null, null, log), Temporary: true);
    }

    /// <summary><c>&lt;cache&gt;/work/&lt;az|s3&gt;/&lt;container&gt;/&lt;prefix&gt;</c>: one per output location, shared by the shards of one machine (each has its own journal).</summary>
    public static string DefaultWorkDir(OutputLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var kind = location.Kind == OutputLocationKind.AzureBlob ? "az" : "s3";
        var parts = new[] { CacheDirectory.Work(), kind, location.Container }.Concat(location.Prefix.Split('/', StringSplitOptions.RemoveEmptyEntries));
        return Path.Combine([.. parts]);
    }

    private static void Range(System.CommandLine.Parsing.OptionResult result, double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            result.AddError(Text($"{name} must be between {min} and {max}, got {value}."));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
