using System.Security.Cryptography;

namespace Axion.TileBuilder.Output.IO;

/// <summary>
/// The last step of every atomic write into the output folder (tiles, GeoTIFFs, quicklooks, the index files, the
/// report): a finished temporary file, already flushed to disk, is renamed over its final name and the folder
/// is flushed (<see cref="FolderSync"/>), so the new name survives a power loss as well as a crash.
/// </summary>
public static class AtomicRename
{
    /// <summary>
    /// The temporary name of a file being written as <paramref name="fileName"/>: <c>.&lt;name&gt;.tmp-&lt;12 hex&gt;</c>,
    /// hidden, in the same folder (so the rename is atomic), never matching <c>tile_*.npz</c>; a killed run's are removed by the next.
    /// </summary>
    public static string TempName(string fileName)
        => $".{fileName}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    /// <summary>Renames <paramref name="tempPath"/> over <paramref name="finalPath"/> (replacing it), then flushes the folder of <paramref name="finalPath"/>.</summary>
    /// <exception cref="IOException">The rename or the flush of the folder failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The rename is not permitted.</exception>
    public static void Replace(string tempPath, string finalPath) => Replace(tempPath, finalPath, FolderSync.Flush);

    /// <summary>Flushes a finished file written by another library (GDAL) to disk (<c>fsync</c>), before it is renamed.</summary>
    /// <exception cref="IOException">The file cannot be opened or flushed.</exception>
    public static void FlushFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }

    /// <summary><see cref="Replace(string, string)"/> with the folder flush as a seam (tests record the call).</summary>
    internal static void Replace(string tempPath, string finalPath, Action<string> flushFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tempPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(finalPath);
        var fullPath = Path.GetFullPath(finalPath);
        File.Move(tempPath, fullPath, overwrite: true);
        flushFolder(Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{finalPath}' has no folder.", nameof(finalPath)));
    }
}
