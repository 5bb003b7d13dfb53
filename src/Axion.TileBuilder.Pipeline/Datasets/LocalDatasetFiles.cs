using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Journal;
using Axion.TileBuilder.Output.IO;

namespace Axion.TileBuilder.Pipeline.Datasets;

/// <summary>A dataset in a local (or mounted) folder: every file is read where it is.</summary>
public sealed partial class LocalDatasetFiles : DatasetFiles
{
    /// <param name="directory">The dataset folder (made absolute; it need not exist).</param>
    public LocalDatasetFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The dataset folder (full path).</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public override string Shown => Directory;

    /// <inheritdoc />
    public override bool IsRemote => false;

    /// <inheritdoc />
    public override bool BatchRunning => BatchJournal.IsInUse(Directory);

    /// <inheritdoc />
    public override string Show(string name) => PathOf(name);

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListTilesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*" + NpzExtension, SearchOption.TopDirectoryOnly))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (path.EndsWith(NpzExtension, StringComparison.Ordinal))
            {
                yield return Path.GetFileName(path);
            }
        }

        await Task.CompletedTask; // The file system enumeration is synchronous; the signature is the datasets' one.
    }

    /// <inheritdoc />
    public override IEnumerable<string> TempFileNames()
    {
        var tempFolder = AtomicRename.TempFolderOf(Directory); // where writes keep their temporary files; older versions wrote them next to the tiles
        var inTempFolder = System.IO.Directory.Exists(tempFolder) ? System.IO.Directory.EnumerateFiles(tempFolder, ".*") : [];
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, ".*", SearchOption.TopDirectoryOnly).Concat(inTempFolder))
        {
            var name = Path.GetRelativePath(Directory, path).Replace(Path.DirectorySeparatorChar, '/');
            if (TempName().IsMatch(name))
            {
                yield return name;
            }
        }
    }

    /// <inheritdoc />
    public override Task<LocalFile> FetchAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(new LocalFile(PathOf(name), temporary: false));

    /// <inheritdoc />
    public override Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(name)));

    /// <inheritdoc />
    public override Task<string> JournalFolderAsync(CancellationToken cancellationToken) => Task.FromResult(Directory);

    /// <inheritdoc />
    /// <remarks>Written under a temporary name in the folder's temporary-files folder, flushed, then renamed.</remarks>
    public override Task<string> SaveAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(name);
        var temp = Path.Combine(AtomicRename.TempFolderOf(Path.GetDirectoryName(path)!), AtomicRename.TempName(Path.GetFileName(path)));
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            AtomicRename.Replace(temp, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Best effort: the next build removes stray temporary files.
            }

            throw new AxionException(FailureKind.Environment, $"cannot write {path}: {ex.Message}", ex);
        }

        return Task.FromResult(path);
    }

    private string PathOf(string name) => Path.Combine(Directory, name.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The temporary name of <c>AtomicFile</c>: <c>.&lt;name&gt;.tmp-&lt;hex&gt;</c>.</summary>
    [GeneratedRegex(@"^\..+\.tmp-[0-9a-f]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();
}
