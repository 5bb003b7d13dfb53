namespace Axion.TileBuilder.Pipeline.Tests.Validation;

/// <summary>A fresh dataset folder under the system temp folder, deleted on dispose.</summary>
internal sealed class DatasetDirectory : IDisposable
{
    public DatasetDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "axion-validate-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
