namespace Axion.TileBuilder.Testing.Repository;

/// <summary>Files of the repository the tests run from (found by walking up to <c>Axion.TileBuilder.sln</c>).</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The real STAC documents recorded from the services (<c>tests/Axion.TileBuilder.Stac.Tests/Fixtures</c>).</summary>
    public static string StacSample(string fileName) => Path.Combine(Root, "tests", "Axion.TileBuilder.Stac.Tests", "Fixtures", fileName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Axion.TileBuilder.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Axion.TileBuilder.sln not found above {AppContext.BaseDirectory}");
    }
}
