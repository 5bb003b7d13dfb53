namespace Axion.TileBuilder.Cli.Hosting;

/// <summary>Where axion-tiles keeps things between runs: generated synthetic worlds, and the work folders of remote batches.</summary>
internal static class CacheDirectory
{
    /// <summary><c>$AXION_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/axion-tiles</c>, else <c>~/.cache/axion-tiles</c>.</summary>
    public static string Root()
    {
        var root = Environment.GetEnvironmentVariable("AXION_CACHE_DIR");
        if (!string.IsNullOrEmpty(root))
        {
            return root;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return !string.IsNullOrEmpty(xdg)
            ? Path.Combine(xdg, "axion-tiles")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "axion-tiles");
    }

    /// <summary><see cref="Root"/><c>/worlds</c>: generated synthetic worlds.</summary>
    public static string Worlds() => Path.Combine(Root(), "worlds");

    /// <summary><see cref="Root"/><c>/work</c>: the default work folders of batches whose <c>--out</c> is an object store.</summary>
    public static string Work() => Path.Combine(Root(), "work");
}
