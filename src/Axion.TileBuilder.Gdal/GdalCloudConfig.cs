namespace Axion.TileBuilder.Gdal;

/// <summary>
/// THE table of GDAL configuration defaults for reading cloud-optimized GeoTIFFs over HTTP(S),
/// applied once by <see cref="GdalRuntime.Initialize"/> (an option already set as an environment
/// variable is left to the environment). Measured with GDAL 3.6.2; see docs "GDAL over HTTP".
/// Deliberately absent: <c>CPL_VSIL_CURL_USE_HEAD=NO</c> and <c>GDAL_HTTP_MULTIRANGE=SINGLE_GET</c>
/// (both make GDAL download whole files), and <c>CPL_VSIL_CURL_CHUNK_SIZE</c> (GDAL's default is right).
/// </summary>
public static class GdalCloudConfig
{
    /// <summary>Option name to value, in the order they are applied (and logged).</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // No directory listing and no .aux.xml/.ovr/.msk sibling probes: open drops from 8 requests to 2.
        ["GDAL_DISABLE_READDIR_ON_OPEN"] = "EMPTY_DIR",

        // Only these URLs are treated as files by /vsicurl/ (PC RTC assets end in .rtc.tiff); saves probes.
        ["CPL_VSIL_CURL_ALLOWED_EXTENSIONS"] = ".tif,.tiff,.TIF,.TIFF",

        // Fetch the blocks of one window with parallel range requests (GDAL 3.6 default, pinned; never SINGLE_GET).
        ["GDAL_HTTP_MULTIRANGE"] = "PARALLEL",

        // Merge adjacent block ranges into one request.
        ["GDAL_HTTP_MERGE_CONSECUTIVE_RANGES"] = "YES",

        // 200 MB: bounds the multi-range block fetch (default 10 MB split a 2560 px read into twice the requests).
        ["GDAL_MAX_RAW_BLOCK_CACHE_SIZE"] = "209715200",

        // 8 MB of downloaded ranges kept per process (LRU). The headers a row reads twice (probe, then window read) are
        // kept by the header prefetch (Metering/HeaderPrefetch), so what lands here is block data read once: measured on
        // the benchmark's 166-row, 8-worker batch, 8 MB read the same bytes as 32 MB with 17-41 MB less peak memory. With
        // the prefetch off (a proxy, GDAL HTTP headers), a header may be fetched again for the window read (64 KB).
        ["CPL_VSIL_CURL_CACHE_SIZE"] = "8388608",

        // 32 MB block cache (values below 100000 are megabytes): each window is read with one RasterIO call that
        // uses each block once, and a dataset's blocks leave the cache when it is closed; more only holds memory.
        ["GDAL_CACHEMAX"] = "32",

        // Read the first 64 KB at open: COG headers with many tiles fit in one request (option exists since 3.5).
        ["GDAL_INGESTED_BYTES_AT_OPEN"] = "65536",

        // Retry HTTP 429/502/503/504 of one range request inside GDAL twice (cheap: only that range is fetched again).
        // Bounded on purpose: every AssetReader attempt (3 per read, each a retry from the row's budget) multiplies
        // this, so one byte range is fetched at most (1 + 2) x 3 = 9 times per read; see docs/reliability.md ...
        ["GDAL_HTTP_MAX_RETRY"] = "2",

        // ... starting 0.5 s apart (GDAL backs off from there).
        ["GDAL_HTTP_RETRY_DELAY"] = "0.5",

        // Give up on one request after 60 s, so a stalled server becomes a transient error, not a hang.
        ["GDAL_HTTP_TIMEOUT"] = "60",

        // Give up connecting after 15 s.
        ["GDAL_HTTP_CONNECTTIMEOUT"] = "15",

        // No extra VSI read-ahead cache layer: it reads beyond the window for random block access.
        ["VSI_CACHE"] = "FALSE",

        // Multi-threaded decoding made windowed reads slower (one request per block); parallelise across assets instead.
        ["GDAL_NUM_THREADS"] = "1",

        // Never write or look for .aux.xml side files next to inputs or outputs.
        ["GDAL_PAM_ENABLED"] = "NO",
    }.AsReadOnly();
}
