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
            if (string.IsNullOrEmpty(cache))
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                var home = string.IsNullOrEmpty(xdg)
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
                    : xdg;
                cache = Path.Combine(home, "axion-tiles");
            }

            return Path.Combine(cache, "test-tools", "node");
        }
    }

    /// <summary>The launcher of an installed npm binary, or an error saying how to install it.</summary>
    public static string Binary(string name)
    {
        var path = Path.Combine(Directory, "node_modules", ".bin", name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{name} is not installed at {path}: run 'bash scripts/setup.sh --test-tools' (installs azurite and s3rver with npm).");
        }

        return path;
    }
}
