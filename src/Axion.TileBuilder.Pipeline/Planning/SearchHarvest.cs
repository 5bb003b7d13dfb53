using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// What one catalog search gave a row: the usable items by id (first occurrence wins) and a <c>dropped</c> verdict for
/// every feature that could not be read as an item, so none disappears without a reason.
/// </summary>
public sealed class SearchHarvest
{
    /// <param name="maxItems">Usable items kept at most; the search stops there.</param>
    public SearchHarvest(int maxItems)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        MaxItems = maxItems;
    }

    /// <summary>Usable items kept at most.</summary>
    public int MaxItems { get; }

    /// <summary>Usable items by id.</summary>
    public Dictionary<string, StacItem> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Verdicts of the features dropped as unusable, in page order.</summary>
    public List<CandidateVerdict> Dropped { get; } = [];

    /// <summary>Pages added so far.</summary>
    public int Pages { get; private set; }

    /// <summary>
    /// True when the search stopped at <see cref="MaxItems"/>: the catalog may hold more items of the window, which were not
    /// read (a part of a time series then may find none of its own).
    /// </summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// The items <paramref name="keep"/> accepts (e.g. those of one timestep's days) with every dropped verdict, as a harvest
    /// of its own; this one is unchanged.
    /// </summary>
    public SearchHarvest Within(Func<StacItem, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var part = new SearchHarvest(MaxItems) { Pages = Pages, Truncated = Truncated };
        foreach (var (id, item) in Items.Where(kv => keep(kv.Value)))
        {
            part.Items[id] = item;
        }

        part.Dropped.AddRange(Dropped);
        return part;
    }

    /// <summary>Adds one page; false when <see cref="MaxItems"/> is reached (read no further page).</summary>
    public bool Add(SearchPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        Pages++;
        foreach (var problem in page.Problems)
        {
            var id = problem.ItemId ?? FormattableString.Invariant($"feature {problem.Index} of page {Pages}");
            Dropped.Add(new CandidateVerdict(id, CandidateVerdict.Dropped, "unusable item: " + problem.Message));
        }

        foreach (var item in page.Items)
        {
            Items.TryAdd(item.Id, item);
            if (Items.Count >= MaxItems)
            {
                Truncated = true;
                return false;
            }
        }

        return true;
    }
}
