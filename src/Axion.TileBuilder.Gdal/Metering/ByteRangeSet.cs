namespace Axion.TileBuilder.Gdal.Metering;

/// <summary>
/// A union of half-open byte ranges [start, end) of one file, kept sorted and merged. <see cref="Missing"/> says which
/// bytes of a request are not yet in the set, <see cref="Add"/> adds them. Not thread-safe: the owner locks.
/// </summary>
internal sealed class ByteRangeSet
{
    private readonly List<(long Start, long End)> _ranges = [];

    /// <summary>Bytes in the set.</summary>
    public long Count { get; private set; }

    /// <summary>The parts of [start, start + length) not in the set, in order.</summary>
    public List<(long Start, long End)> Missing(long start, long length)
    {
        var missing = new List<(long Start, long End)>();
        var end = start + length;
        var cursor = start;
        foreach (var (s, e) in _ranges)
        {
            if (e <= cursor)
            {
                continue;
            }

            if (s >= end)
            {
                break;
            }

            if (s > cursor)
            {
                missing.Add((cursor, s));
            }

            cursor = Math.Max(cursor, e);
            if (cursor >= end)
            {
                break;
            }
        }

        if (cursor < end)
        {
            missing.Add((cursor, end));
        }

        return missing;
    }

    /// <summary>Adds [start, end); overlapping and touching ranges merge.</summary>
    public void Add(long start, long end)
    {
        if (end <= start)
        {
            return;
        }

        var i = 0;
        while (i < _ranges.Count && _ranges[i].End < start)
        {
            i++;
        }

        var newStart = start;
        var newEnd = end;
        var removed = 0L;
        while (i < _ranges.Count && _ranges[i].Start <= end)
        {
            newStart = Math.Min(newStart, _ranges[i].Start);
            newEnd = Math.Max(newEnd, _ranges[i].End);
            removed += _ranges[i].End - _ranges[i].Start;
            _ranges.RemoveAt(i);
        }

        _ranges.Insert(i, (newStart, newEnd));
        Count += newEnd - newStart - removed;
    }
}
