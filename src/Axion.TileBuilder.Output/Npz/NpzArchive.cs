using System.IO.Compression;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>An open <c>.npz</c> file (a zip of <c>&lt;key&gt;.npy</c> entries, stored or deflated). Not thread-safe.</summary>
public sealed class NpzArchive : IDisposable
{
    private const string Suffix = ".npy";

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    internal NpzArchive(string path, ZipArchive zip)
    {
        Path = path;
        _zip = zip;
        _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith(Suffix, StringComparison.Ordinal) && entry.FullName.Length > Suffix.Length)
            {
                var key = entry.FullName[..^Suffix.Length];
                if (_entries.TryAdd(key, entry))
                {
                    keys.Add(key);
                }
            }
        }

        Keys = keys;
    }

    /// <summary>Path of the file.</summary>
    public string Path { get; }

    /// <summary>Array names (entry names without <c>.npy</c>) in the order they are stored.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Whether an array named <paramref name="key"/> is present.</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Reads the header of <paramref name="key"/> without its data.</summary>
    public NpyHeader GetHeader(string key)
    {
        using var stream = Entry(key).Open();
        return NpyFormat.ReadHeader(stream);
    }

    /// <summary>Reads array <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public NpyArray Get(string key)
    {
        var entry = Entry(key);
        try
        {
            using var stream = entry.Open();
            var header = NpyFormat.ReadHeader(stream);
            var expected = header.DataOffset + header.DataLength;
            if (entry.Length != expected)
            {
                throw new NpyFormatException($"Entry '{entry.FullName}' of '{Path}' is {entry.Length} bytes, but its header (dtype '{header.Descr}', shape {NpyFormat.ShapeRepr(header.Shape.ToArray())}) needs {expected}.");
            }

            if (header.DataLength > Array.MaxLength)
            {
                throw new NpyFormatException($"Entry '{entry.FullName}' of '{Path}' holds {header.DataLength} bytes; at most {Array.MaxLength} can be loaded.");
            }

            var data = new byte[header.DataLength];
            stream.ReadExactly(data);
            return new NpyArray(header, data);
        }
        catch (InvalidDataException ex)
        {
            throw new NpyFormatException($"Entry '{entry.FullName}' of '{Path}' is corrupt: {ex.Message}", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new NpyFormatException($"Entry '{entry.FullName}' of '{Path}' is truncated.", ex);
        }
        catch (NpyFormatException ex) when (!ex.Message.Contains(Path, StringComparison.Ordinal))
        {
            throw new NpyFormatException($"Entry '{entry.FullName}' of '{Path}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _zip.Dispose();

    private ZipArchiveEntry Entry(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.TryGetValue(key, out var entry)
            ? entry
            : throw new KeyNotFoundException($"'{Path}' has no array '{key}' (it has: {string.Join(", ", Keys)}).");
    }
}
