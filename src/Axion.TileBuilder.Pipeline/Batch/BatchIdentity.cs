using System.Reflection;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Pipeline.Quicklooks;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// Which batch an out dir holds: the CSV's SHA-256 and the settings that decide the tiles
/// (<see cref="RunSettings.IdentityJson"/>). A run continues the batch in its out dir only when both match; with
/// <c>--force</c> it deletes the old batch's tiles and starts afresh; otherwise it refuses.
/// </summary>
public static class BatchIdentity
{
    /// <summary>Tool version (informational version of this assembly).</summary>
    public static string ToolVersion { get; } =
        typeof(BatchIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Records the run in a new journal, checks it against an existing one, or replaces it (<c>--force</c>).</summary>
    /// <exception cref="AxionException">Nothing to resume, or a different batch without <c>--force</c> (bad input).</exception>
    public static void Establish(BatchJournal journal, BatchRequest request, string csvSha256)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(request);
        var info = new RunInfo(request.Settings.ToJson(), request.Settings.CsvPath, csvSha256, ToolVersion, DateTimeOffset.UtcNow, request.Settings.Profile.Name);
        if (journal.Run is not { } existing)
        {
            if (request.Resume)
            {
                throw new AxionException(FailureKind.BadInput, $"no batch to resume in {request.OutDir}.");
            }

            journal.StartRun(info);
            return;
        }

        var stored = RunSettings.FromJson(existing.SettingsJson);
        var sameCsv = string.Equals(existing.CsvSha256, csvSha256, StringComparison.Ordinal);
        var sameSettings = string.Equals(stored.IdentityJson(), request.Settings.IdentityJson(), StringComparison.Ordinal);
        if (sameCsv && sameSettings)
        {
            return;
        }

        if (!request.Force)
        {
            var what = !sameCsv ? "the locations CSV changed since the batch started" : "the settings differ from the batch's";
            throw new AxionException(
                FailureKind.BadInput,
                $"{request.OutDir} holds a different batch ({what}); use another --out, 'axion-tiles resume --out {request.OutDir}' to continue it, or --force to start afresh there.");
        }

        foreach (var done in journal.List(RowState.Done))
        {
            foreach (var file in done.Outcome?.Files ?? [])
            {
                File.Delete(Path.Combine(request.OutDir, file));
            }

            QuicklookFiles.Delete(request.OutDir, done.RowId, stored.TimestepCount);
        }

        journal.ReplaceRun(info);
    }
}
