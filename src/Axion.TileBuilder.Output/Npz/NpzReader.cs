using System.IO.Compression;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>Opens <c>.npz</c> files written by <see cref="NpzWriter"/>, <c>np.savez</c> or <c>np.savez_compressed</c>.</summary>
public static class NpzReader
{
    /// <summary>
    /// Opens <paramref name="path"/> for reading. Throws <see cref="NpyFormatException"/> when it is
    /// not a zip archive; arrays are parsed (and validated) by <see cref="NpzArchive.Get"/>.
    /// </summary>
    public static NpzArchive Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            return new NpzArchive(path, zip);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new NpyFormatException($"'{path}' is not an .npz (zip) file: {ex.Message}", ex);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
