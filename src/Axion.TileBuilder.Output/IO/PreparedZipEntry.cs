namespace Axion.TileBuilder.Output.IO;

/// <summary>
/// A zip entry written ahead of its archive by <see cref="ZipWriter.Prepare"/>: its local header and data, and its central
/// directory record; <see cref="ZipWriter.Add(PreparedZipEntry)"/> copies it into an archive.
/// </summary>
public sealed class PreparedZipEntry
{
    internal PreparedZipEntry(string name, byte[] record, ZipWriter.CentralEntry central)
    {
        Name = name;
        Record = record;
        Central = central;
    }

    /// <summary>The entry's name.</summary>
    public string Name { get; }

    /// <summary>Bytes the entry takes in the archive before the central directory (local header, name and data).</summary>
    public int Length => Record.Length;

    internal byte[] Record { get; }

    internal ZipWriter.CentralEntry Central { get; }
}
