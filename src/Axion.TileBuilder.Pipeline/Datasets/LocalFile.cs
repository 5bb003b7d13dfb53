namespace Axion.TileBuilder.Pipeline.Datasets;

/// <summary>
/// A dataset file readable at <see cref="Path"/> (see <see cref="DatasetFiles.FetchAsync"/>): the file itself in a
/// local dataset, or a downloaded copy that disposing deletes.
/// </summary>
public sealed class LocalFile : IDisposable
{
    private readonly bool _temporary;

    /// <param name="path">The full local path (it may not exist: no such file).</param>
    /// <param name="temporary">Delete the file on dispose.</param>
    public LocalFile(string path, bool temporary)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _temporary = temporary;
    }

    /// <summary>The full local path.</summary>
    public string Path { get; }

    /// <summary>Deletes a downloaded copy.</summary>
    public void Dispose()
    {
        if (!_temporary)
        {
            return;
        }

        try
        {
            File.Delete(Path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was downloaded: not even its folder exists.
        }
    }
}
