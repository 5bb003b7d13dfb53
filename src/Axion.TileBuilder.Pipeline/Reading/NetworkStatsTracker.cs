using System.Text.Json;
using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>
/// Counts the bytes and requests GDAL spent on each asset, from GDAL's per-file network statistics
/// (<c>CPL_VSIL_NETWORK_STATS_ENABLED</c>). Reads hold a shared lock; when the statistics grow large
/// they are reset under the exclusive lock, so memory stays bounded on long batches.
/// </summary>
public sealed class NetworkStatsTracker
{
    // GDAL serialises the statistics of every file at each call, and each read looks at them twice: kept small
    // (about 500 files), a lookup costs about a millisecond; at 1 MB it cost a third of a batch's CPU time.
    private const int ResetAboveChars = 200_000;
    // GDAL's statistics are process-wide, so the lock and the size are too: a reset by one tracker must wait for the
    // reads measured by every other tracker of the process (tests run several batches in one process).
    private static readonly ReaderWriterLockSlim Lock = new(LockRecursionPolicy.NoRecursion);
    private static int _lastChars;

    /// <summary>Runs a read and returns its result with the bytes and requests GDAL made for <paramref name="url"/>.</summary>
    /// <remarks>Blocking; call on the I/O thread that does the read.</remarks>
    public (T Result, long Bytes, long Requests) Measure<T>(Uri url, Func<T> read)
    {
        ResetIfLarge();
        Lock.EnterReadLock();
        try
        {
            var key = "/vsicurl/" + url.GetLeftPart(UriPartial.Path);
            var before = Lookup(GdalRuntime.GetNetworkStatsJson(), key);
            var result = read();
            var afterJson = GdalRuntime.GetNetworkStatsJson();
            Volatile.Write(ref _lastChars, afterJson.Length);
            var after = Lookup(afterJson, key);
            return (result, Math.Max(0, after.Bytes - before.Bytes), Math.Max(0, after.Requests - before.Requests));
        }
        finally
        {
            Lock.ExitReadLock();
        }
    }

    /// <summary>Sums <c>downloaded_bytes</c> and <c>count</c> of every file entry whose path (without query string) is <paramref name="key"/>.</summary>
    internal static (long Bytes, long Requests) Lookup(string json, string key)
    {
        if (string.IsNullOrEmpty(json))
        {
            return (0, 0);
        }

        using var doc = JsonDocument.Parse(json);
        long bytes = 0, requests = 0;
        if (!doc.RootElement.TryGetProperty("handlers", out var handlers) || !handlers.TryGetProperty("vsicurl", out var curl))
        {
            return (0, 0);
        }

        // Reads (GET) are listed under handlers.vsicurl.files; the HEAD of a file's Stat under
        // handlers.vsicurl.actions.Stat.files. "count" is GDAL's operations: one parallel
        // multi-range read counts once although it sends several GETs.
        if (curl.TryGetProperty("files", out var files))
        {
            Sum(files, key, ref bytes, ref requests);
        }

        if (curl.TryGetProperty("actions", out var actions) && actions.TryGetProperty("Stat", out var stat) && stat.TryGetProperty("files", out var statFiles))
        {
            long ignored = 0;
            Sum(statFiles, key, ref ignored, ref requests);
        }

        return (bytes, requests);
    }

    private static void Sum(JsonElement files, string key, ref long bytes, ref long requests)
    {
        if (files.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var file in files.EnumerateObject())
        {
            var name = file.Name;
            var q = name.IndexOf('?', StringComparison.Ordinal);
            var path = q < 0 ? name : name[..q];
            if (!string.Equals(path, key, StringComparison.Ordinal) || !file.Value.TryGetProperty("methods", out var methods))
            {
                continue;
            }

            foreach (var method in methods.EnumerateObject())
            {
                if (method.Value.TryGetProperty("downloaded_bytes", out var b) && b.TryGetInt64(out var bv))
                {
                    bytes += bv;
                }

                if (method.Value.TryGetProperty("count", out var c) && c.TryGetInt64(out var cv))
                {
                    requests += cv;
                }
            }
        }
    }

    private void ResetIfLarge()
    {
        if (Volatile.Read(ref _lastChars) <= ResetAboveChars)
        {
            return;
        }

        Lock.EnterWriteLock();
        try
        {
            if (Volatile.Read(ref _lastChars) > ResetAboveChars)
            {
                GdalRuntime.ResetNetworkStats();
                Volatile.Write(ref _lastChars, 0);
            }
        }
        finally
        {
            Lock.ExitWriteLock();
        }
    }
}
