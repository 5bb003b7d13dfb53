using System.Globalization;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// Checks (and creates) <c>--out</c> before a batch touches it, so a folder that is a file, cannot be written or
/// sits on a full device is reported as that, with its own exit code, instead of as a lock conflict or an unexpected
/// error later.
/// </summary>
public static class OutputFolder
{
    /// <summary>Bytes the probe writes (and removes): room for the journal's first pages. 256 KiB.</summary>
    public const int ProbeBytes = 256 * 1024;

    // errno values as .NET reports them in IOException.HResult on Linux.
    private const int ENOTDIR = 20;
    private const int EEXIST = 17;
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int EDQUOT = 122;

    /// <summary>Creates <paramref name="outDir"/> when <paramref name="create"/> is set, then writes and removes a probe file in it.</summary>
    /// <param name="outDir">The out dir (full path).</param>
    /// <param name="create">Create the folder when missing (<c>build</c>); <c>resume</c> needs it to exist.</param>
    /// <exception cref="OutputFolderException">The folder is a file, cannot be written, or its device is full.</exception>
    public static void Prepare(string outDir, bool create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (File.Exists(outDir))
        {
            throw NotAFolder(outDir, null);
        }

        if (create)
        {
            try
            {
                Directory.CreateDirectory(outDir);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw NotWritable(outDir, ex);
            }
            catch (IOException ex)
            {
                throw Classify(outDir, ex);
            }
        }

        var probe = Path.Combine(outDir, string.Create(CultureInfo.InvariantCulture, $".axion-probe-{Environment.ProcessId}.tmp-probe"));
        try
        {
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
            {
                stream.Write(new byte[ProbeBytes]);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw NotWritable(outDir, ex);
        }
        catch (IOException ex)
        {
            TryDelete(probe);
            throw Classify(outDir, ex);
        }
    }

    private static OutputFolderException Classify(string outDir, IOException ex) => ex.HResult switch
    {
        ENOSPC or EDQUOT => new OutputFolderException(
            OutputFolderProblem.Full,
            $"--out {outDir}: no space left on its device ({ex.Message}); free some space or choose another --out.",
            ex),
        EROFS => NotWritable(outDir, ex),
        ENOTDIR or EEXIST => NotAFolder(outDir, ex),
        _ => new OutputFolderException(OutputFolderProblem.NotWritable, $"--out {outDir} cannot be written: {ex.Message}", ex),
    };

    private static OutputFolderException NotAFolder(string outDir, Exception? ex) => new(
        OutputFolderProblem.NotAFolder,
        $"--out {outDir} is a file (or lies under one), not a folder: give a folder path; it is created when missing.",
        ex);

    private static OutputFolderException NotWritable(string outDir, Exception ex) => new(
        OutputFolderProblem.NotWritable,
        $"--out {outDir} is not writable ({ex.Message}): it is on a read-only file system or you lack permission; choose another --out.",
        ex);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // DeleteOnClose normally removed it; a leftover probe is removed with the other temporary files next run.
        }
    }
}
