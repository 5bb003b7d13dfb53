using System.Globalization;
using System.Runtime.InteropServices;
using Axion.TileBuilder.Gdal.Interop;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// Process-wide GDAL state: loading libgdal, registering drivers, the cloud defaults
/// (<see cref="GdalCloudConfig.Defaults"/>), configuration options and the error handler. <see cref="Initialize"/> runs once (thread-safe); every other API calls it implicitly.
/// </summary>
/// <remarks>
/// Threading: GDAL itself is thread-safe across datasets, but one dataset handle (and its bands) must be
/// used by one thread at a time. Give every worker its own <see cref="GdalDataset"/> handles.
/// </remarks>
public static class GdalRuntime
{
    /// <summary>The oldest GDAL this layer supports.</summary>
    public static readonly Version MinimumVersion = new(3, 4);

    /// <summary>Install hint printed when GDAL is missing.</summary>
    public const string InstallHint = "Install it with: sudo apt-get install libgdal32 gdal-bin (Debian 12)";

    private static readonly Lazy<(string Release, Version Version, IReadOnlyList<string> Overrides)> State =
        new(InitializeCore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Shared-library names tried in order to load GDAL (Debian 12 ships libgdal.so.32).</summary>
    public static IReadOnlyList<string> LibraryCandidates { get; } =
    [
        "libgdal.so.32",
        "libgdal.so.33",
        "libgdal.so.34",
        "libgdal.so.35",
        "libgdal.so.36",
        "libgdal.so.37",
        "libgdal.so.38",
        "libgdal.so",
        "libgdal.dylib",
        "gdal.dll",
    ];

    /// <summary>
    /// Every message GDAL reports (debug, warning, failure), from any thread, including GDAL's own
    /// worker threads. Handlers must be quick and must not call GDAL; exceptions they throw are swallowed.
    /// Messages may contain signed URLs: redacting them is the subscriber's job.
    /// </summary>
    public static event Action<GdalMessage>? MessageLogged;

    /// <summary>GDAL's release name, e.g. <c>3.6.2</c>.</summary>
    public static string VersionString
    {
        get
        {
            Initialize();
            return State.Value.Release;
        }
    }

    /// <summary>GDAL's version (major.minor.patch).</summary>
    public static Version Version
    {
        get
        {
            Initialize();
            return State.Value.Version;
        }
    }

    /// <summary>GDAL's build information (<c>GDALVersionInfo("BUILD_INFO")</c>): KEY=VALUE lines.</summary>
    public static string BuildInfo
    {
        get
        {
            Initialize();
            return Utf8.FromConstPointer(Native.GDALVersionInfo("BUILD_INFO")) ?? string.Empty;
        }
    }

    /// <summary>The virtual file system prefixes this GDAL build has (<c>/vsicurl/</c>, <c>/vsis3/</c>, ...).</summary>
    public static unsafe IReadOnlyList<string> FileSystemPrefixes
    {
        get
        {
            Initialize();
            var list = Native.VSIGetFileSystemsPrefixes();
            var result = new List<string>();
            try
            {
                for (var p = (nint*)list; list != 0 && *p != 0; p++)
                {
                    result.Add(Marshal.PtrToStringUTF8(*p) ?? string.Empty);
                }
            }
            finally
            {
                Native.CSLDestroy(list);
            }

            return result;
        }
    }

    /// <summary>True when GDAL was built with libcurl, so <c>/vsicurl/</c> can read over HTTP.</summary>
    public static bool IsCurlEnabled => FileSystemPrefixes.Contains("/vsicurl/", StringComparer.Ordinal);

    /// <summary>The library name or path that loaded (e.g. <c>libgdal.so.32</c>), or null before loading.</summary>
    public static string? LoadedLibrary => LibraryLoader.LoadedName;

    /// <summary>Keys of <see cref="GdalCloudConfig.Defaults"/> not applied because they were set in the environment.</summary>
    public static IReadOnlyList<string> EnvironmentOverrides
    {
        get
        {
            Initialize();
            return State.Value.Overrides;
        }
    }

    /// <summary>
    /// Loads libgdal, checks it is at least <see cref="MinimumVersion"/>, installs the error handler,
    /// registers all drivers and applies <see cref="GdalCloudConfig.Defaults"/>. Idempotent and thread-safe.
    /// </summary>
    /// <exception cref="GdalLibraryMissingException">libgdal cannot be loaded or is too old (the failure is remembered).</exception>
    public static void Initialize() => _ = State.Value;

    /// <summary>Sets a process-wide GDAL configuration option (null clears it).</summary>
    public static void SetConfigOption(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Initialize();
        Native.CPLSetConfigOption(key, value);
    }

    /// <summary>A configuration option as GDAL sees it (thread-local, then process-wide, then environment).</summary>
    public static string? GetConfigOption(string key, string? defaultValue = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Initialize();
        return Utf8.FromConstPointer(Native.CPLGetConfigOption(key, 0)) ?? defaultValue;
    }

    /// <summary>Sets a configuration option for the calling thread only (null clears it), e.g. per-worker credentials.</summary>
    public static void SetThreadLocalConfigOption(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Initialize();
        Native.CPLSetThreadLocalConfigOption(key, value);
    }

    /// <summary>True when a driver with this short name (<c>GTiff</c>, <c>COG</c>, <c>MEM</c>, ...) is registered.</summary>
    public static bool HasDriver(string shortName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shortName);
        Initialize();
        return Native.GDALGetDriverByName(shortName) != 0;
    }

    /// <summary>Drops cached /vsicurl/ data (and the headers fetched at opens, <see cref="Metering.HeaderPrefetch"/>): everything, or
    /// only files whose path starts with <paramref name="urlPrefix"/> (e.g. <c>/vsicurl/https://host/dir/</c>).</summary>
    public static void ClearCurlCache(string? urlPrefix = null)
    {
        Initialize();
        Metering.HeaderPrefetch.Forget(urlPrefix);
        if (string.IsNullOrEmpty(urlPrefix))
        {
            Native.VSICurlClearCache();
        }
        else
        {
            Native.VSICurlPartialClearCache(urlPrefix);
        }
    }

    /// <summary>
    /// Path of the <c>proj.db</c> PROJ will use, searching <c>PROJ_DATA</c>, <c>PROJ_LIB</c>, then
    /// <c>/usr/share/proj</c> and <c>/usr/local/share/proj</c>; null when none exists. Does not load GDAL.
    /// </summary>
    public static string? FindProjDb()
    {
        var directories = new List<string>();
        foreach (var variable in new[] { "PROJ_DATA", "PROJ_LIB" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                directories.AddRange(value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        directories.Add("/usr/share/proj");
        directories.Add("/usr/local/share/proj");
        return directories.Select(d => Path.Combine(d, "proj.db")).FirstOrDefault(File.Exists);
    }

    /// <summary>The one-line message for a libgdal that cannot be loaded.</summary>
    internal static string MissingLibraryMessage(IEnumerable<string> namesTried) =>
        $"GDAL {MinimumVersion} or newer is required but libgdal could not be loaded " +
        $"(tried {string.Join(", ", namesTried)}). {InstallHint}";

    internal static void RaiseMessage(GdalMessage message)
    {
        var handlers = MessageLogged;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<GdalMessage>>())
        {
            try
            {
                handler(message);
            }
#pragma warning disable CA1031 // A subscriber's bug must not reach native code.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Ignored: see MessageLogged.
            }
        }
    }

    private static (string Release, Version Version, IReadOnlyList<string> Overrides) InitializeCore()
    {
        string release;
        int versionNumber;
        try
        {
            if (!LibraryLoader.TryLoad())
            {
                throw new GdalLibraryMissingException(MissingLibraryMessage(LibraryLoader.NamesToTry()));
            }

            release = Utf8.FromConstPointer(Native.GDALVersionInfo("RELEASE_NAME")) ?? "0.0.0";
            var number = Utf8.FromConstPointer(Native.GDALVersionInfo("VERSION_NUM")) ?? "0";
            versionNumber = int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new GdalLibraryMissingException(
                $"GDAL {MinimumVersion} or newer is required but libgdal could not be used ({ex.Message}). {InstallHint}", ex);
        }

        // VERSION_NUM is major*1000000 + minor*10000 + patch*100.
        var version = new Version(versionNumber / 1000000, versionNumber / 10000 % 100, versionNumber / 100 % 100);
        if (version < MinimumVersion)
        {
            throw new GdalLibraryMissingException(
                $"GDAL {MinimumVersion} or newer is required but {LibraryLoader.LoadedName} is GDAL {release}. {InstallHint}");
        }

        ErrorHandler.Install();
        NativeHeap.LimitArenas();
        Native.GDALAllRegister();

        var overrides = new List<string>();
        foreach (var (key, value) in GdalCloudConfig.Defaults)
        {
            if (Environment.GetEnvironmentVariable(key) is not null)
            {
                overrides.Add(key);
                continue;
            }

            Native.CPLSetConfigOption(key, value);
        }

        return (release, version, overrides);
    }
}
