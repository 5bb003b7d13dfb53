using System.Diagnostics;
using System.Globalization;

namespace Axion.TileBuilder.Diagnostics;

/// <summary>
/// Named places where the crash tests kill the process exactly (SIGKILL, no clean-up), such as inside the journal's
/// transaction that marks a row done. Inert unless the environment variable <see cref="EnvironmentVariable"/> is set,
/// which only the tests do: <c>AXION_TILES_CRASH_AT=journal-commit-done</c> kills at the first hit of that point,
/// <c>...=journal-commit-done:3</c> at the third. Points about one row name it after a slash (<see cref="ForRow"/>):
/// <c>AXION_TILES_CRASH_AT=row-started/R7</c> kills every process that starts row <c>R7</c>. Before dying the process writes <c>crash point 'NAME' hit</c> to
/// standard error so a test can tell the kill happened where it asked.
/// </summary>
public static class CrashPoint
{
    /// <summary>The environment variable naming the point (and optionally <c>:N</c>, the hit to die at).</summary>
    public const string EnvironmentVariable = "AXION_TILES_CRASH_AT";

    /// <summary>After a row's tiles are written and before the journal marks it done.</summary>
    public const string TilesWritten = "tiles-written";

    /// <summary>
    /// In a batch of several timesteps (<c>--timesteps</c>): after one timestep's tiles and quicklook are written, while
    /// the row's other timesteps may still be under way and before the journal marks the row done.
    /// </summary>
    public const string TimestepWritten = "timestep-written";

    /// <summary>With a remote <c>--out</c>: after a row's files are uploaded, before the journal marks it done.</summary>
    public const string TilesUploaded = "tiles-uploaded";

    /// <summary>Inside the journal transaction that marks a row done: the update is made, the commit is not.</summary>
    public const string JournalCommitDone = "journal-commit-done";

    /// <summary>Right after the journal committed a row as done.</summary>
    public const string JournalCommittedDone = "journal-committed-done";

    /// <summary>A row was claimed (marked running) and is about to be processed; used with <see cref="ForRow"/>.</summary>
    public const string RowStarted = "row-started";

    private static readonly (string Name, int Hit)? Armed = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));
    private static int _hits;

    /// <summary>Kills the process if <paramref name="name"/> is the armed point and this is the armed hit; otherwise nothing.</summary>
    public static void Hit(string name)
    {
        if (Armed is not { } armed || !string.Equals(armed.Name, name, StringComparison.Ordinal))
        {
            return;
        }

        if (Interlocked.Increment(ref _hits) != armed.Hit)
        {
            return;
        }

        Console.Error.WriteLine($"crash point '{name}' hit");
        Console.Error.Flush();
        using var self = Process.GetCurrentProcess();
        self.Kill(); // SIGKILL: no finally blocks, no disposal, no flushing
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>The name of point <paramref name="name"/> for one row: <c>row-started/R7</c>.</summary>
    public static string ForRow(string name, string rowId) => name + "/" + rowId;

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(':', 2);
        var hit = parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return (parts[0].Trim(), hit);
    }
}
