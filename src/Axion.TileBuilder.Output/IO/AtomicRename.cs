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
    /// The folder inside an output folder that holds the temporary files of writes in flight: <c>.axion-tmp</c>.
    /// It holds only the files being written (a few per worker), so cleaning up after a row or a killed run lists it
    /// instead of the output folder (which may hold hundreds of thousands of tiles).
    /// </summary>
    public const string TempFolderName = ".axion-tmp";

    /// <summary>The temporary folder of <paramref name="outDir"/>: <c>&lt;outDir&gt;/.axion-tmp</c> (same file system, so renames out of it are atomic).</summary>
    public static string TempFolderOf(string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        return Path.Combine(outDir, TempFolderName);
    }

    /// <summary>
    /// The temporary name of a file being written as <paramref name="fileName"/>: <c>.&lt;name&gt;.tmp-&lt;12 hex&gt;</c>,
    /// hidden, in the same folder (so the rename is atomic), never matching <c>tile_*.npz</c>; a killed run's are removed by the next.
    /// </summary>
    public static string TempName(string fileName)
        => $".{fileName}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    /// <summary>
    /// A new temporary path for writing <paramref name="finalPath"/>: <see cref="TempName"/> in <paramref name="tempFolder"/>
    /// (created if missing), or next to <paramref name="finalPath"/> when null. The folder must be on the file system of
    /// <paramref name="finalPath"/> (e.g. <see cref="TempFolderOf"/> of the output folder) so the rename stays atomic.
    /// </summary>
    public static string TempPath(string finalPath, string? tempFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finalPath);
        var full = Path.GetFullPath(finalPath);
        var folder = tempFolder is null
            ? Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{finalPath}' has no folder.", nameof(finalPath))
            : Path.GetFullPath(tempFolder);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, TempName(Path.GetFileName(full)));
    }

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
