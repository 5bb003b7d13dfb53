namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>
/// The table of servable asset URL paths. A request is served only when its exact path is
/// registered here, so nothing outside the world directory (or not named by an item) is reachable.
/// </summary>
internal sealed class AssetRegistry
{
    private readonly Dictionary<string, AssetLocation> _byPath = new(StringComparer.Ordinal);
    private readonly string _root;

    public AssetRegistry(string worldDirectory)
    {
        _root = Path.GetFullPath(worldDirectory);
        if (!_root.EndsWith(Path.DirectorySeparatorChar))
        {
            _root += Path.DirectorySeparatorChar;
        }
    }

    public int Count => _byPath.Count;

    /// <summary>Registers <paramref name="urlPath"/> (starting with '/') for a file below the world directory.</summary>
    public void Add(string urlPath, string relativeFilePath, string? sasContainer)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relativeFilePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Asset file '{relativeFilePath}' resolves outside the world directory '{_root}'.", nameof(relativeFilePath));
        }

        _byPath[urlPath] = new AssetLocation(full, sasContainer);
    }

    /// <summary>Looks a request path up; paths with <c>..</c> or empty segments never match.</summary>
    public bool TryResolve(string urlPath, out AssetLocation location)
    {
        location = null!;
        if (urlPath.Contains("..", StringComparison.Ordinal) || urlPath.Contains("//", StringComparison.Ordinal)
            || urlPath.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        if (!_byPath.TryGetValue(urlPath, out var found))
        {
            return false;
        }

        location = found;
        return true;
    }
}
