namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>Why <c>--out</c> cannot hold a batch (see <see cref="OutputFolder.Prepare"/>).</summary>
public enum OutputFolderProblem
{
    /// <summary><c>--out</c> (or a folder above it) is a file.</summary>
    NotAFolder,

    /// <summary>The folder cannot be written: a read-only file system or no permission.</summary>
    NotWritable,

    /// <summary>The device holding the folder has no room left.</summary>
    Full,
}
