using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Merging;

/// <summary>
/// Merges row streams that are each sorted in one <see cref="JournalRowOrder"/> (as <see cref="JournalReader.EnumerateRows"/>
/// hands them out) into one stream in that order, holding one row per stream; a row id found in several streams is handed
/// out once, from the stream listed first. (One batch reads one CSV, so a row's id fixes its line: in either order the
/// copies of a row meet.)
/// </summary>
internal sealed class JournalRowMerge(IReadOnlyList<IEnumerable<JournalRow>> sources, JournalRowOrder order)
{
    /// <summary>Rows held per journal at most (the page size shrinks as journals grow in number).</summary>
    private const int MaxPageSize = 256;

    /// <summary>Rows held over all journals together, roughly: the page size is this divided by the journal count.</summary>
    private const int RowBudget = 4096;

    /// <summary>
    /// The rows in <paramref name="state"/> (all when null) of every journal, merged in <paramref name="order"/>, read a page
    /// at a time: about 4096 rows are held over all journals together, however many rows they hold.
    /// </summary>
    public static JournalRowMerge Of(IReadOnlyList<JournalReader> journals, RowState? state, JournalRowOrder order)
    {
        ArgumentNullException.ThrowIfNull(journals);
        var pageSize = Math.Clamp(RowBudget / Math.Max(1, journals.Count), 1, MaxPageSize);

        // By row id, the state is checked here, not in the query: with it SQLite answers each page from the (state, line)
        // index and sorts every row in that state by id again (0.26 s a page at 100,000 rows: quadratic over a journal);
        // without it each page is a range of the primary key.
        var queried = order == JournalRowOrder.RowId ? null : state;
        return new JournalRowMerge(
            journals.Select(j => j.EnumerateRows(queried, order, pageSize).Where(r => state is null || r.State == state)).ToList(),
            order);
    }

    /// <summary>Rows skipped because an earlier stream had the same id.</summary>
    public int Duplicates { get; private set; }

    /// <summary>The merged rows; enumerate once.</summary>
    public IEnumerable<JournalRow> Rows()
    {
        var byOrder = Comparer<(int Line, string RowId, int Source)>.Create((a, b) =>
        {
            var byLine = order == JournalRowOrder.Line ? a.Line.CompareTo(b.Line) : 0;
            var byId = byLine != 0 ? byLine : string.CompareOrdinal(a.RowId, b.RowId);
            return byId != 0 ? byId : a.Source.CompareTo(b.Source);
        });
        var enumerators = sources.Select(s => s.GetEnumerator()).ToList();
        try
        {
            var queue = new PriorityQueue<int, (int Line, string RowId, int Source)>(byOrder);
            void Advance(int source)
            {
                if (enumerators[source].MoveNext())
                {
                    var row = enumerators[source].Current;
                    queue.Enqueue(source, (row.Line, row.RowId, source));
                }
            }

            for (var i = 0; i < enumerators.Count; i++)
            {
                Advance(i);
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

                Advance(source);
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
