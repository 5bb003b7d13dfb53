using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>An array's <c>.npy</c> entry written ahead of its archive by <see cref="NpzWriter.Prepare"/>.</summary>
public sealed class NpzEntry
{
    internal NpzEntry(string key, int compressionLevel, PreparedZipEntry zip)
    {
        Key = key;
        CompressionLevel = compressionLevel;
        Zip = zip;
    }

    /// <summary>The array's key.</summary>
    public string Key { get; }

    /// <summary>The zlib level it was written at (0: stored).</summary>
    public int CompressionLevel { get; }

    /// <summary>Bytes it takes in the archive.</summary>
    public int Length => Zip.Length;

    internal PreparedZipEntry Zip { get; }
}
