namespace Axion.TileBuilder.Journal.Tests;

/// <summary>A fresh folder under the temp dir, deleted on dispose.</summary>
internal sealed class TempOutDir : IDisposable
{
    public TempOutDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "axion-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is not a test failure.
        }
    }
}
