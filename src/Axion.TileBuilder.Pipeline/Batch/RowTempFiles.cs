using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// The temporary files of rows' writes in the temporary folder <c>&lt;out&gt;/.axion-tmp</c>, mapped back to their row
/// by name: <c>.tile_&lt;id&gt;_&lt;r&gt;_&lt;c&gt;.npz.tmp-*</c>, <c>.tile_&lt;id&gt;_&lt;r&gt;_&lt;c&gt;.tif.tmp-*</c> (the
/// GeoTIFF copy) and <c>.&lt;id&gt;.png.tmp-*</c> (the quicklook). Other temporary files (index, report) belong to no row.
/// </summary>
internal static partial class RowTempFiles
{
    /// <summary>
    /// Deletes the row temporary files in <paramref name="folder"/> (which may not exist) whose row <paramref name="owns"/>
    /// accepts; returns how many. With <paramref name="bestEffort"/>, a file that cannot be deleted is skipped.
    /// </summary>
    public static int Remove(string folder, Func<string, bool> owns, bool bestEffort)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var temp in Directory.EnumerateFiles(folder, ".*.tmp-*"))
        {
            if (RowOf(Path.GetFileName(temp)) is { } id && owns(id) && TryDelete(temp, bestEffort))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The row id a temporary file name belongs to, or null for a file of no row.</summary>
    public static string? RowOf(string fileName)
    {
        var match = TileTemp().Match(fileName);
        if (!match.Success)
        {
            match = QuicklookTemp().Match(fileName);
        }

        return match.Success ? match.Groups["id"].Value : null;
    }

    private static bool TryDelete(string path, bool bestEffort)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) when (bestEffort)
        {
            return false; // the next run's start removes it
        }
    }

    [GeneratedRegex(@"^\.tile_(?<id>.+)_\d+_\d+\.(npz|tif)\.tmp-[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TileTemp();

    [GeneratedRegex(@"^\.(?<id>.+)\.png\.tmp-[^/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex QuicklookTemp();
}
