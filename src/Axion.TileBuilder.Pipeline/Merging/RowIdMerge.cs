using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Merging;

/// <summary>
/// Merges row streams that are each sorted by row id (ordinal) into one sorted stream, holding one row per
/// stream; a row id found in several streams is handed out once, from the stream listed first.
/// </summary>
internal sealed class RowIdMerge(IReadOnlyList<IEnumerable<JournalRow>> sources)
{
    private static readonly Comparer<(string RowId, int Source)> Order = Comparer<(string RowId, int Source)>.Create((a, b) =>
    {
        var byId = string.CompareOrdinal(a.RowId, b.RowId);
        return byId != 0 ? byId : a.Source.CompareTo(b.Source);
    });

    /// <summary>Rows skipped because an earlier stream had the same id.</summary>
    public int Duplicates { get; private set; }

    /// <summary>The merged rows; enumerate once.</summary>
    public IEnumerable<JournalRow> Rows()
    {
        var enumerators = sources.Select(s => s.GetEnumerator()).ToList();
        try
        {
            var queue = new PriorityQueue<int, (string RowId, int Source)>(Order);
            for (var i = 0; i < enumerators.Count; i++)
            {
                if (enumerators[i].MoveNext())
                {
                    queue.Enqueue(i, (enumerators[i].Current.RowId, i));
                }
            }

            string? last = null;
            while (queue.TryDequeue(out var source, out _))
            {
                var row = enumerators[source].Current;
                if (last is not null && string.Equals(last, row.RowId, StringComparison.Ordinal))
                {
                    Duplicates++;
                }
                else
                {
                    last = row.RowId;
                    yield return row;
                }

                if (enumerators[source].MoveNext())
                {
                    queue.Enqueue(source, (enumerators[source].Current.RowId, source));
                }
            }
        }
        finally
        {
            foreach (var e in enumerators)
            {
                e.Dispose();
            }
        }
    }
}
