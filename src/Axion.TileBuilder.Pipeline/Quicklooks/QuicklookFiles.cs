using System.Globalization;

namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>
/// Where quicklooks live in an output folder: <c>quicklooks/&lt;id&gt;.png</c> (one per done row).
/// Location ids are restricted to <c>[A-Za-z0-9._-]</c>, so the name is safe as a path and a URL.
/// </summary>
/// <remarks>Named <c>QuicklookFiles</c>, not <c>Quicklooks</c>: a class named like its namespace would be
/// shadowed by the namespace inside <c>Axion.TileBuilder.Pipeline</c>.</remarks>
public static class QuicklookFiles
{
    /// <summary>The folder inside the output folder: <c>quicklooks</c>.</summary>
    public const string Directory = "quicklooks";

    /// <summary>The quicklook of a row, relative to the output folder with <c>/</c>: <c>quicklooks/&lt;id&gt;.png</c>.</summary>
    public static string FileName(string rowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(rowId);
        return string.Create(CultureInfo.InvariantCulture, $"{Directory}/{rowId}.png");
    }

    /// <summary>The full path of a row's quicklook in <paramref name="outDir"/>.</summary>
    public static string PathFor(string outDir, string rowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        return Path.Combine(outDir, Directory, rowId + ".png");
    }

    /// <summary>Deletes a row's quicklook if present (before a row is redone); true when one was deleted.</summary>
    public static bool Delete(string outDir, string rowId)
    {
        var path = PathFor(outDir, rowId);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
