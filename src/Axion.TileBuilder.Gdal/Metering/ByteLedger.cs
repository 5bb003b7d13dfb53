namespace Axion.TileBuilder.Gdal.Metering;

/// <summary>
/// The network cost of a group of reads (a row): per file, the distinct bytes any of its reads asked for and the
/// requests that fetched bytes new to the group, each file's open counted once. Reads charge it from their
/// <see cref="ReadMeter"/>; a read retried after GDAL's cache of the file was dropped calls <see cref="Forget"/>, so the
/// bytes it downloads again count again. Thread-safe.
/// </summary>
public sealed class ByteLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ByteRangeSet> _files = new(StringComparer.Ordinal);
    private long _bytes;
    private long _requests;

    /// <summary>Bytes charged so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Requests charged so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Starts <paramref name="file"/> afresh: bytes asked for again count again (its cached data was dropped).</summary>
    public void Forget(string file)
    {
        lock (_lock)
        {
            _files.Remove(file);
        }
    }

    internal void ChargeOpen(string file)
    {
        lock (_lock)
        {
            if (!_files.ContainsKey(file))
            {
                _files[file] = new ByteRangeSet();
                Interlocked.Increment(ref _requests);
            }
        }
    }

    internal void Charge(string file, ReadOnlySpan<(long Offset, long Length)> ranges)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(file, out var seen))
            {
                seen = new ByteRangeSet();
                _files[file] = seen;
            }

            foreach (var (offset, length) in ranges)
            {
                if (seen.Missing(offset, length).Count > 0)
                {
                    Interlocked.Increment(ref _requests);
                }

                var before = seen.Count;
                seen.Add(offset, offset + length);
                Interlocked.Add(ref _bytes, seen.Count - before);
            }
        }
    }
}
