using System.Reflection;
using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>
/// Resolves the <c>"gdal"</c> library name of every <c>[LibraryImport]</c> in this assembly by trying
/// <see cref="GdalRuntime.LibraryCandidates"/> in order (or <c>AXION_GDAL_LIBRARY</c> first, when set).
/// </summary>
internal static class LibraryLoader
{
    /// <summary>Environment variable naming a libgdal file to try before the candidates.</summary>
    public const string OverrideVariable = "AXION_GDAL_LIBRARY";

    private static readonly Lock Gate = new();
    private static bool _registered;
    private static nint _handle;

    /// <summary>The name or path that loaded, once loaded.</summary>
    public static string? LoadedName { get; private set; }

    /// <summary>Names tried, in order.</summary>
    public static IReadOnlyList<string> NamesToTry()
    {
        var names = new List<string>();
        var custom = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(custom))
        {
            names.Add(custom);
        }

        names.AddRange(GdalRuntime.LibraryCandidates);
        return names;
    }

    /// <summary>Loads libgdal and installs the resolver; false when no candidate loads.</summary>
    public static bool TryLoad()
    {
        lock (Gate)
        {
            if (_handle == 0)
            {
                foreach (var name in NamesToTry())
                {
                    if (NativeLibrary.TryLoad(name, out var handle))
                    {
                        _handle = handle;
                        LoadedName = name;
                        break;
                    }
                }
            }

            if (_handle != 0 && !_registered)
            {
                NativeLibrary.SetDllImportResolver(typeof(LibraryLoader).Assembly, Resolve);
                _registered = true;
            }

            return _handle != 0;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        _ = assembly;
        _ = searchPath;
        return libraryName == Native.LibraryName ? _handle : 0;
    }
}
