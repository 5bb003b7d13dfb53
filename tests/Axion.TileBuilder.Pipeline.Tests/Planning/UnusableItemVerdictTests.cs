using System.Text.Json.Nodes;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Selection;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Testing.Repository;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

/// <summary>
/// A recorded Planetary Computer page whose item is copied with a bad <c>datetime</c>, <c>bbox</c> or
/// <c>eo:cloud_cover</c>: each bad item is counted in the row's verdicts with a reason that names the field and quotes
/// the value; none disappears silently, and a negative cloud cover no longer ranks first.
/// </summary>
public sealed class UnusableItemVerdictTests
{
    private static readonly string[] Keys = ["B02", "B03", "B04", "B08", "SCL"];
    private static readonly AoiExtent Aoi = AoiExtent.FromBounds(new GeoBounds(132.60, 5.40, 132.65, 5.45));
    private static readonly DateWindow March = new(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31));

    [Fact]
    public void Every_bad_item_is_dropped_or_rejected_with_the_field_and_value_named()
    {
        var page = Page(
            ("good", Unchanged),
            ("bad-datetime", f => f["properties"]!["datetime"] = "2025-13-45T99:00:00Z"),
            ("short-bbox", f => f["bbox"] = new JsonArray(132.3, 5.3, 133.2)),
            ("flipped-bbox", f => f["bbox"] = new JsonArray(132.3, 5.6, 133.2, 5.3)),
            ("cloud-text", f => f["properties"]!["eo:cloud_cover"] = "cloudy"),
            ("cloud-negative", f => f["properties"]!["eo:cloud_cover"] = -5));
        var search = new SearchHarvest(500);
        search.Add(page);
        var candidates = search.Items.Values.Select(i => StacMapping.ToCandidate(i, "sentinel-2-l2a", Keys)).ToList();

        var ranking = S2CandidateRanker.Rank(candidates, new SelectionOptions(), Aoi, March);
        var verdicts = RowPlanner.RankingVerdicts(search, ranking, new HashSet<string>());

        Assert.Equal(["good"], ranking.Ranked.Select(c => c.Id));
        Assert.Equal(5, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.IsUnusable, v.ToString()));
        Reason("bad-datetime", CandidateVerdict.Dropped, "unusable item: STAC item 'bad-datetime' has an unparsable 'datetime' \"2025-13-45T99:00:00Z\"");
        Reason("short-bbox", "rejected", "bad bbox", "unusable fields: 'bbox' [132.3,5.3,133.2] has 3 values (expected 4 or 6)");
        Reason("flipped-bbox", "rejected", "unusable fields: 'bbox' [132.3,5.6,133.2,5.3] is not a lon/lat box");
        Reason("cloud-text", "rejected", "no cloud cover; unusable fields: 'eo:cloud_cover' \"cloudy\" is not a number");
        Reason("cloud-negative", "rejected", "no cloud cover; unusable fields: 'eo:cloud_cover' -5 is outside 0..100");

        void Reason(string id, string verdict, params string[] phrases)
        {
            var v = Assert.Single(verdicts, v => v.Id == id);
            Assert.Equal(verdict, v.Verdict);
            foreach (var phrase in phrases)
            {
                Assert.Contains(phrase, v.Reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Feature_without_an_id_is_dropped_under_its_position()
    {
        var page = Page(("good", Unchanged), ("no-id", f => f.Remove("id")));
        var search = new SearchHarvest(500);

        search.Add(page);

        Assert.Equal(["good"], search.Items.Keys);
        var dropped = Assert.Single(search.Dropped);
        Assert.Equal("feature 1 of page 1", dropped.Id);
        Assert.Equal("unusable item: STAC item has no 'id'", dropped.Reason);
    }

    private static void Unchanged(JsonObject feature)
    {
    }

    /// <summary>The recorded page's item, copied once per (id, change).</summary>
    private static SearchPage Page(params (string Id, Action<JsonObject> Change)[] variants) => RecordedPage.Of(variants);
}
