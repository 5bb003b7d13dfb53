namespace Axion.TileBuilder.Testing.Emulators;

/// <summary>
/// Where <c>bash scripts/setup.sh --test-tools</c> installs the npm emulators (Azurite, s3rver):
/// <c>$AXION_TEST_TOOLS_DIR</c>, else <c>$AXION_CACHE_DIR/test-tools/node</c>, else
/// <c>${XDG_CACHE_HOME:-~/.cache}/axion-tiles/test-tools/node</c>. Keep in step with scripts/setup.sh.
/// </summary>
public static class NodeTestTools
{
    public static string Directory
    {
        get
        {
            var explicitDir = Environment.GetEnvironmentVariable("AXION_TEST_TOOLS_DIR");
            if (!string.IsNullOrEmpty(explicitDir))
            {
                return explicitDir;
            }

            var cache = Environment.GetEnvironmentVariable("AXION_CACHE_DIR");
            return Path.Combine(string.IsNullOrEmpty(cache) ? DefaultCache() : cache, "test-tools", "node");
        }
    }

    /// <summary>
    /// The launcher of an installed npm binary, or an error saying how to install it. Without
    /// <c>AXION_TEST_TOOLS_DIR</c> the default cache folder is tried as well: some tests point this process's
    /// <c>AXION_CACHE_DIR</c> at a test folder while others run (<c>scripts/test.sh</c> sets the variable for the run).
    /// </summary>
    public static string Binary(string name)
    {
        var path = Path.Combine(Directory, "node_modules", ".bin", name);
        var fallback = Path.Combine(DefaultCache(), "test-tools", "node", "node_modules", ".bin", name);
        if (!File.Exists(path) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AXION_TEST_TOOLS_DIR")) && File.Exists(fallback))
        {
            return fallback;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{name} is not installed at {path}: run 'bash scripts/setup.sh --test-tools' (installs azurite and s3rver with npm).");
        }

        return path;
    }

    /// <summary><c>${XDG_CACHE_HOME:-~/.cache}/axion-tiles</c>.</summary>
    private static string DefaultCache()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
        return Path.Combine(home, "axion-tiles");
    }
}
