using System.Text.Json.Nodes;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

/// <summary>What a search keeps: items up to its cap (and whether it stopped there), and a timestep's share of them.</summary>
public sealed class SearchHarvestTests
{
    [Fact]
    public void A_search_that_reaches_its_cap_stops_and_says_so()
    {
        var harvest = new SearchHarvest(3);
        Assert.True(harvest.Add(RecordedPage.Of(("a", Keep), ("b", Keep))));
        Assert.False(harvest.Truncated);

        Assert.False(harvest.Add(RecordedPage.Of(("c", Keep), ("d", Keep))));

        Assert.True(harvest.Truncated);
        Assert.Equal(["a", "b", "c"], harvest.Items.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Within_keeps_the_items_it_accepts_every_dropped_verdict_and_the_cut()
    {
        var harvest = new SearchHarvest(3);
        harvest.Add(RecordedPage.Of(("a", Keep), ("bad", f => f["properties"]!["datetime"] = "never"), ("b", Keep), ("c", Keep)));

        var part = harvest.Within(item => item.Id != "b");

        Assert.Equal(["a", "c"], part.Items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["bad"], part.Dropped.Select(d => d.Id));
        Assert.True(part.Truncated);
        Assert.Equal(3, harvest.Items.Count); // the whole search is unchanged
    }

    private static void Keep(JsonObject feature)
    {
    }
}
