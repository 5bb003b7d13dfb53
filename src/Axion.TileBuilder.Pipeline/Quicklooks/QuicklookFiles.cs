using System.Globalization;

namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>
/// Where quicklooks live in an output folder: <c>quicklooks/&lt;id&gt;.png</c> (one per done row), or
/// <c>quicklooks/&lt;id&gt;_t&lt;k&gt;.png</c> per timestep with tiles when the batch has <c>--timesteps</c> above 1.
/// Location ids are restricted to <c>[A-Za-z0-9._-]</c>, so the name is safe as a path and a URL.
/// </summary>
/// <remarks>Named <c>QuicklookFiles</c>, not <c>Quicklooks</c>: a class named like its namespace would be
/// shadowed by the namespace inside <c>Axion.TileBuilder.Pipeline</c>.</remarks>
public static class QuicklookFiles
{
    /// <summary>The folder inside the output folder: <c>quicklooks</c>.</summary>
    public const string Directory = "quicklooks";

    /// <summary>
    /// The quicklook of a row (of its <paramref name="timestep"/>, null in a batch of one timestep), relative to the output
    /// folder with <c>/</c>: <c>quicklooks/&lt;id&gt;.png</c> or <c>quicklooks/&lt;id&gt;_t&lt;k&gt;.png</c>.
    /// </summary>
    public static string FileName(string rowId, int? timestep = null) => Directory + "/" + LeafName(rowId, timestep);

    /// <summary>The full path of a row's quicklook (of its <paramref name="timestep"/>) in <paramref name="outDir"/>.</summary>
    public static string PathFor(string outDir, string rowId, int? timestep = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        return Path.Combine(outDir, Directory, LeafName(rowId, timestep));
    }

    /// <summary>Every quicklook a row of a batch of <paramref name="timesteps"/> can have, relative to the output folder (<see cref="FileName"/>).</summary>
    public static IEnumerable<string> FileNames(string rowId, int timesteps) =>
        Tiles.TileNames.TimestepsOf(timesteps).Select(k => FileName(rowId, k));

    /// <summary>
    /// Deletes a row's quicklooks, one per timestep of a batch of <paramref name="timesteps"/> (before a row is redone, or
    /// when it failed); true when one was deleted.
    /// </summary>
    public static bool Delete(string outDir, string rowId, int timesteps = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        var deleted = false;
        foreach (var name in FileNames(rowId, timesteps))
        {
            var path = Path.Combine(outDir, name);
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted = true;
            }
        }

        return deleted;
    }

    private static string LeafName(string rowId, int? timestep)
    {
        ArgumentException.ThrowIfNullOrEmpty(rowId);
        return timestep is { } k ? string.Create(CultureInfo.InvariantCulture, $"{rowId}_t{k}.png") : rowId + ".png";
    }
}
