namespace Axion.TileBuilder.Cli.Hosting;

/// <summary>Where generated synthetic worlds are cached between runs.</summary>
internal static class CacheDirectory
{
    /// <summary><c>$AXION_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/axion-tiles</c>, else <c>~/.cache/axion-tiles</c>; plus <c>/worlds</c>.</summary>
    public static string Worlds()
    {
        var root = Environment.GetEnvironmentVariable("AXION_CACHE_DIR");
        if (string.IsNullOrEmpty(root))
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            root = !string.IsNullOrEmpty(xdg)
                ? Path.Combine(xdg, "axion-tiles")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "axion-tiles");
        }

        return Path.Combine(root, "worlds");
    }
}
