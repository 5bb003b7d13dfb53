using System.Text;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>
/// Writes a <c>.npz</c> archive numpy loads with <c>np.load</c> (no pickle): each array goes
/// straight into its own <c>&lt;key&gt;.npy</c> zip entry, stored (like <c>np.savez</c>) or
/// deflated at a zlib level (like <c>np.savez_compressed</c>, which uses level 6; see <see cref="ZipWriter"/>).
/// The archive is written to a hidden temporary file in the target directory and renamed into place by
/// <see cref="Commit"/>; disposing without a commit deletes it. Not thread-safe.
/// </summary>
public sealed class NpzWriter : IDisposable
{
    private readonly AtomicFile _file;
    private readonly ZipWriter _zip;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _keyOrder = [];
    private State _state;

    private NpzWriter(AtomicFile file, int compressionLevel)
    {
        _file = file;
        _zip = new ZipWriter(file.Stream);
        CompressionLevel = compressionLevel;
    }

    private enum State
    {
        Open,
        Faulted,
        Committed,
        Disposed,
    }

    /// <summary>Absolute path the archive gets on <see cref="Commit"/>.</summary>
    public string Path => _file.FinalPath;

    /// <summary>Whether entries are deflated.</summary>
    public bool Compressed => CompressionLevel != ZipWriter.Stored;

    /// <summary>zlib level of every entry: 0 stored, 1 (fastest) to 9 (smallest).</summary>
    public int CompressionLevel { get; }

    /// <summary>Keys added so far, in order.</summary>
    public IReadOnlyList<string> Keys => _keyOrder;

    /// <summary>
    /// Creates the temporary file next to <paramref name="path"/> (creating the directory if needed), deflated at the
    /// default level (<see cref="BuildOptionSpecs.CompressionLevel"/>) or stored.
    /// </summary>
    public static NpzWriter Create(string path, bool compressed) =>
        Create(path, compressed ? BuildOptionSpecs.CompressionLevel.Default : ZipWriter.Stored, tempFolder: null);

    /// <summary>
    /// Creates the temporary file in <paramref name="tempFolder"/> (next to <paramref name="path"/> when null; see
    /// <see cref="AtomicFile.Create(string, string?)"/>); entries are stored (<paramref name="compressionLevel"/> 0) or
    /// deflated at zlib level 1-9.
    /// </summary>
    public static NpzWriter Create(string path, int compressionLevel, string? tempFolder)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(compressionLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(compressionLevel, ZipWriter.MaxLevel);
        var file = AtomicFile.Create(path, tempFolder);
        return new NpzWriter(file, compressionLevel);
    }

    /// <summary>Adds a float32 (<c>&lt;f4</c>) array; the product of <paramref name="shape"/> must equal the data length (no shape = 0-d, one value).</summary>
    public void Add(string key, ReadOnlySpan<float> data, params int[] shape)
    {
        var entry = Begin(key, data.Length, shape);
        Write(entry, NpyDescr.Float32, data, shape);
    }

    /// <summary>
    /// Writes a float32 array's entry ahead of its archive (on any thread, for example while the archive's other arrays are
    /// still being read); <see cref="Add(NpzEntry)"/> adds it. The bytes are those <c>Add(key, data, shape)</c>
    /// writes for the same array and level.
    /// </summary>
    /// <param name="key">The array's key.</param>
    /// <param name="data">The values (read before this returns: the buffer may be reused after); the product of <paramref name="shape"/> must equal their count.</param>
    /// <param name="compressionLevel">0 stored, or a zlib level 1-9 (the level of the archive it goes into).</param>
    /// <param name="shape">The array's shape.</param>
    public static NpzEntry Prepare(string key, ReadOnlyMemory<float> data, int compressionLevel, params int[] shape)
    {
        ValidateKey(key);
        ValidateShape(key, data.Length, shape);
        var entry = ZipWriter.Prepare(key + ".npy", compressionLevel, stream =>
        {
            NpyFormat.WriteHeader(stream, NpyDescr.Float32, shape);
            LittleEndianData.Write(stream, data.Span);
        });
        return new NpzEntry(key, compressionLevel, entry);
    }

    /// <summary>Adds an array written ahead by <see cref="Prepare"/> at this archive's compression level.</summary>
    public void Add(NpzEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.CompressionLevel != CompressionLevel)
        {
            throw new ArgumentException($"Array '{entry.Key}' was prepared at zlib level {entry.CompressionLevel}, '{Path}' is written at {CompressionLevel}.", nameof(entry));
        }

        EnsureOpen();
        Register(entry.Key);
        try
        {
            _zip.Add(entry.Zip);
        }
        catch (Exception ex)
        {
            throw Failed(entry.Zip.Name, ex);
        }
    }

    /// <summary>Adds a uint8 (<c>|u1</c>) array.</summary>
    public void Add(string key, ReadOnlySpan<byte> data, params int[] shape)
    {
        var entry = Begin(key, data.Length, shape);
        Write(entry, NpyDescr.UInt8, data, shape);
    }

    /// <summary>Adds a uint16 (<c>&lt;u2</c>) array.</summary>
    public void Add(string key, ReadOnlySpan<ushort> data, params int[] shape)
    {
        var entry = Begin(key, data.Length, shape);
        Write(entry, NpyDescr.UInt16, data, shape);
    }

    /// <summary>Adds an int16 (<c>&lt;i2</c>) array.</summary>
    public void Add(string key, ReadOnlySpan<short> data, params int[] shape)
    {
        var entry = Begin(key, data.Length, shape);
        Write(entry, NpyDescr.Int16, data, shape);
    }

    /// <summary>
    /// Adds a 0-d unicode array (<c>&lt;U{n}</c>, n code points, UTF-32LE) that numpy loads without
    /// pickle; <c>str(npz[key])</c> gives <paramref name="value"/> back. NUL characters are refused
    /// (numpy strips trailing NULs).
    /// </summary>
    public void AddString(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"String array '{key}' contains a NUL character, which numpy would drop.", nameof(value));
        }

        byte[] utf32;
        try
        {
            utf32 = NpyArray.StrictUtf32.GetBytes(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"String array '{key}' contains an unpaired surrogate at index {ex.Index}.", nameof(value), ex);
        }

        var codePoints = utf32.Length / 4;
        var entry = Begin(key, 1, []);
        var descr = NpyDescr.Unicode(Math.Max(1, codePoints));
        Write<byte>(entry, descr, codePoints == 0 ? new byte[4] : utf32, []);
    }

    /// <summary>Closes the zip, flushes it to disk and renames it over <see cref="Path"/>. Dispose is a no-op afterwards.</summary>
    public void Commit()
    {
        EnsureOpen();
        try
        {
            _zip.Finish();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _state = State.Faulted;
            throw new OutputWriteException($"Cannot finish '{Path}': {ex.Message}", ex);
        }

        try
        {
            _file.Commit();
        }
        catch
        {
            _state = State.Faulted;
            throw;
        }

        _state = State.Committed;
        _file.Dispose();
    }

    /// <summary>Deletes the temporary file unless <see cref="Commit"/> succeeded.</summary>
    public void Dispose()
    {
        if (_state is State.Committed or State.Disposed)
        {
            _state = State.Disposed;
            return;
        }

        _state = State.Disposed;
        _file.Dispose(); // the archive is abandoned: its temporary file is deleted
    }

    private string Begin(string key, int length, int[] shape)
    {
        EnsureOpen();
        ValidateKey(key);
        ValidateShape(key, length, shape);
        return Register(key);
    }

    /// <summary>Records <paramref name="key"/> (once per archive) and returns its entry name.</summary>
    private string Register(string key)
    {
        if (!_keys.Add(key))
        {
            throw new ArgumentException($"Array '{key}' was already added to '{Path}'.", nameof(key));
        }

        _keyOrder.Add(key);
        return key + ".npy";
    }

    private static void ValidateShape(string key, int length, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long product = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), dim, $"Array '{key}': dimensions must be >= 0, got shape {NpyFormat.ShapeRepr(shape)}.");
            }

            product = checked(product * dim);
        }

        if (product != length)
        {
            throw new ArgumentException($"Array '{key}': shape {NpyFormat.ShapeRepr(shape)} holds {product} elements but the data has {length}.", nameof(shape));
        }
    }

    private void Write<T>(string entry, string descr, ReadOnlySpan<T> data, int[] shape)
        where T : unmanaged
    {
        try
        {
            using var stream = _zip.BeginEntry(entry, CompressionLevel);
            NpyFormat.WriteHeader(stream, descr, shape);
            LittleEndianData.Write(stream, data);
        }
        catch (Exception ex)
        {
            throw Failed(entry, ex);
        }
    }

    /// <summary>
    /// A write of array <paramref name="entry"/> failed: the archive is unusable from here on. Returns the
    /// <see cref="OutputWriteException"/> to throw for an I/O failure; any other exception is rethrown as itself.
    /// </summary>
    private OutputWriteException Failed(string entry, Exception ex)
    {
        _state = State.Faulted;
        if (ex is not (IOException or UnauthorizedAccessException))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw();
        }

        return new OutputWriteException($"Cannot write array '{entry}' to '{Path}': {ex.Message}", ex);
    }

    private void EnsureOpen()
    {
        switch (_state)
        {
            case State.Open:
                return;
            case State.Faulted:
                throw new InvalidOperationException($"An earlier write to '{Path}' failed; dispose this writer and start again.");
            case State.Committed:
                throw new InvalidOperationException($"'{Path}' was already committed.");
            default:
                throw new ObjectDisposedException(nameof(NpzWriter));
        }
    }

    private static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Length > 200)
        {
            throw new ArgumentException($"Array key '{key}' must be 1 to 200 characters long.", nameof(key));
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException($"Array key '{key}' may only contain A-Z, a-z, 0-9 and '_' (found '{c}').", nameof(key));
            }
        }
    }
}
