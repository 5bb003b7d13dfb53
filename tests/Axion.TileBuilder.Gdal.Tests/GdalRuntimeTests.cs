namespace Axion.TileBuilder.Gdal.Tests;

public sealed class GdalRuntimeTests
{
    [Fact]
    public void Cloud_defaults_are_in_force_after_Initialize()
    {
        GdalRuntime.Initialize();
        GdalRuntime.Initialize(); // idempotent
        Assert.Equal(15, GdalCloudConfig.Defaults.Count);
        foreach (var (key, value) in GdalCloudConfig.Defaults)
        {
            var expected = GdalRuntime.EnvironmentOverrides.Contains(key) ? Environment.GetEnvironmentVariable(key) : value;
            Assert.Equal(expected, GdalRuntime.GetConfigOption(key));
        }

        Assert.Equal("EMPTY_DIR", GdalCloudConfig.Defaults["GDAL_DISABLE_READDIR_ON_OPEN"]);
        Assert.DoesNotContain("CPL_VSIL_CURL_USE_HEAD", GdalCloudConfig.Defaults.Keys);
        Assert.NotEqual("SINGLE_GET", GdalCloudConfig.Defaults["GDAL_HTTP_MULTIRANGE"]);
    }

    [Fact]
    public void Version_and_drivers_are_reported()
    {
        Assert.StartsWith("3.", GdalRuntime.VersionString, StringComparison.Ordinal);
        Assert.Equal(3, GdalRuntime.Version.Major);
        Assert.True(GdalRuntime.Version >= GdalRuntime.MinimumVersion);
        Assert.StartsWith($"{GdalRuntime.Version.Major}.{GdalRuntime.Version.Minor}.", GdalRuntime.VersionString, StringComparison.Ordinal);
        Assert.Contains(GdalRuntime.LoadedLibrary, GdalRuntime.LibraryCandidates);
        Assert.Equal("libgdal.so.32", GdalRuntime.LibraryCandidates[0]);

        foreach (var driver in new[] { "GTiff", "COG", "MEM", "PNG", "VRT" })
        {
            Assert.True(GdalRuntime.HasDriver(driver), driver);
        }

        Assert.False(GdalRuntime.HasDriver("NoSuchDriver"));
    }

    [Fact]
    public void Config_options_set_get_and_clear_process_wide_and_per_thread()
    {
        const string key = "AXION_TEST_OPTION_A";
        Assert.Null(GdalRuntime.GetConfigOption(key));
        Assert.Equal("fallback", GdalRuntime.GetConfigOption(key, "fallback"));
        GdalRuntime.SetConfigOption(key, "global");
        Assert.Equal("global", GdalRuntime.GetConfigOption(key));

        string? seenOnOtherThread = null;
        GdalRuntime.SetThreadLocalConfigOption(key, "local");
        Assert.Equal("local", GdalRuntime.GetConfigOption(key));
        var other = new Thread(() => seenOnOtherThread = GdalRuntime.GetConfigOption(key));
        other.Start();
        other.Join();
        Assert.Equal("global", seenOnOtherThread);

        GdalRuntime.SetThreadLocalConfigOption(key, null);
        GdalRuntime.SetConfigOption(key, null);
        Assert.Null(GdalRuntime.GetConfigOption(key));
    }

    [Fact]
    public void Curl_cache_calls_work_without_network_use()
    {
        GdalRuntime.ClearCurlCache();
        GdalRuntime.ClearCurlCache("/vsicurl/http://127.0.0.1:1/");
    }

    [Fact]
    public void Proj_db_is_found()
    {
        var projDb = GdalRuntime.FindProjDb();
        Assert.NotNull(projDb);
        Assert.True(File.Exists(projDb));
        Assert.EndsWith("proj.db", projDb, StringComparison.Ordinal);
    }
}
