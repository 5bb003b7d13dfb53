namespace Axion.TileBuilder.Output.IO;

/// <summary>
/// A file written under a temporary name in the final directory (<c>.&lt;name&gt;.tmp-&lt;random&gt;</c>),
/// flushed to disk and renamed over the final path on <see cref="Commit"/> (<see cref="AtomicRename"/>: the
/// folder is flushed too). Disposing without
/// committing deletes the temporary file, so readers never see a half-written file.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    /// <summary>Size of the write buffer: 1 MiB.</summary>
    private const int BufferSize = 1 << 20;

    private FileStream? _stream;
    private bool _committed;

    private AtomicFile(string finalPath, string tempPath, FileStream stream)
    {
        FinalPath = finalPath;
        TempPath = tempPath;
        _stream = stream;
    }

    /// <summary>Absolute path the file gets on <see cref="Commit"/>.</summary>
    public string FinalPath { get; }

    /// <summary>Absolute path of the temporary file being written.</summary>
    public string TempPath { get; }

    /// <summary>The stream to write to (seekable).</summary>
    public FileStream Stream => _stream ?? throw new ObjectDisposedException(nameof(AtomicFile));

    /// <summary>Creates the temporary file next to <paramref name="path"/>, creating the directory if needed.</summary>
    public static AtomicFile Create(string path) => Create(path, tempFolder: null);

    /// <summary>
    /// Creates the temporary file in <paramref name="tempFolder"/> (next to <paramref name="path"/> when null), creating
    /// both folders if needed. <paramref name="tempFolder"/> must be on the same file system as <paramref name="path"/>
    /// (<see cref="AtomicRename.TempFolderOf"/>), so the rename stays atomic.
    /// </summary>
    public static AtomicFile Create(string path, string? tempFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var finalPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(finalPath)
            ?? throw new ArgumentException($"Output path '{path}' has no directory.", nameof(path));
        var name = Path.GetFileName(finalPath);
        if (name.Length == 0)
        {
            throw new ArgumentException($"Output path '{path}' names a directory, not a file.", nameof(path));
        }

        try
        {
            Directory.CreateDirectory(directory);
            var tempPath = AtomicRename.TempPath(finalPath, tempFolder);
            var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize);
            return new AtomicFile(finalPath, tempPath, stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"Cannot create a temporary file for '{finalPath}': {ex.Message}", ex);
        }
    }

    /// <summary>Flushes to disk (fsync), closes, renames over <see cref="FinalPath"/> (replacing it) and flushes the folder.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_stream is null, this);
        try
        {
            _stream.Flush(flushToDisk: true);
            _stream.Dispose();
            _stream = null;
            AtomicRename.Replace(TempPath, FinalPath);
            _committed = true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException($"Cannot write '{FinalPath}': {ex.Message}", ex);
        }
    }

    /// <summary>Closes the stream; deletes the temporary file unless committed.</summary>
    public void Dispose()
    {
        try
        {
            _stream?.Dispose();
        }
        catch (IOException) when (!_committed)
        {
            // Flushing the rest of an abandoned file failed (disk full): the temp file is deleted below.
        }

        _stream = null;
        if (!_committed)
        {
            try
            {
                File.Delete(TempPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a stale hidden temp file does not match tile_*.npz.
            }
        }
    }
}
