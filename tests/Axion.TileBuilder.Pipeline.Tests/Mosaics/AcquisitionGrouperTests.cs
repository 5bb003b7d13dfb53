using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Pipeline.Mosaics;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Pipeline.Tests.Mosaics;

public sealed class AcquisitionGrouperTests
{
    private static readonly DateTimeOffset Pass = new(2022, 3, 12, 10, 36, 29, TimeSpan.Zero);

    /// <summary>A 9 x 9 lattice over lon 10..11, lat 48..49.</summary>
    private static readonly IReadOnlyList<GeoPoint> Samples =
        [.. from r in Enumerable.Range(0, 9) from c in Enumerable.Range(0, 9) select new GeoPoint(10 + (c / 8.0), 48 + (r / 8.0))];

    [Fact]
    public void Items_of_one_pass_are_one_acquisition_and_other_dates_or_orbits_are_not()
    {
        var a = Item("A", 10, 11, Pass);
        Assert.True(AcquisitionGrouper.SameAcquisition(a, Item("B", 10, 11, Pass) with { MgrsTile = "32UPU" }));
        Assert.True(AcquisitionGrouper.SameAcquisition(a, Item("C", 10, 11, Pass.AddSeconds(25)) with { Platform = "SENTINEL-2A" }));
        Assert.False(AcquisitionGrouper.SameAcquisition(a, Item("D", 10, 11, Pass.AddDays(5))));
        Assert.False(AcquisitionGrouper.SameAcquisition(a, Item("E", 10, 11, Pass.AddMinutes(11))));
        Assert.False(AcquisitionGrouper.SameAcquisition(a, Item("F", 10, 11, Pass) with { RelativeOrbit = 65 }));
        Assert.False(AcquisitionGrouper.SameAcquisition(a, Item("G", 10, 11, Pass) with { Platform = "sentinel-2b" }));
        Assert.False(AcquisitionGrouper.SameAcquisition(a, Item("H", 10, 11, Pass) with { OrbitState = "ascending" }));
    }

    [Fact]
    public void Group_partitions_by_pass_in_time_then_id_order()
    {
        var groups = AcquisitionGrouper.Group([
            Item("later-west", 10, 11, Pass.AddDays(5)),
            Item("east", 10, 11, Pass),
            Item("west", 10, 11, Pass),
            Item("later-east", 10, 11, Pass.AddDays(5)),
        ]);

        Assert.Equal([["east", "west"], ["later-east", "later-west"]], groups.Select(g => g.Select(i => i.Id).ToArray()).ToArray());
    }

    [Fact]
    public void Two_halves_of_one_pass_make_a_mosaic_led_by_the_larger_part()
    {
        // West item: lon 9.5..10.4 (40 % of the AOI columns: 4 of 9 lattice columns inside); east item: 10.3..12 (6 of 9).
        var west = Item("T32UPU", 9.5, 10.4, Pass);
        var east = Item("T32UQU", 10.3, 12, Pass);

        var mosaic = Assert.Single(AcquisitionGrouper.Mosaics([west, east], Samples));

        Assert.Equal(["T32UQU", "T32UPU"], mosaic.Ids);
        Assert.True(mosaic.IsMosaic);
        Assert.Equal(6 / 9.0, mosaic.Coverage[0], 4);
        Assert.Equal(4 / 9.0, mosaic.Coverage[1], 4);
        Assert.Equal(Pass, mosaic.Datetime);
    }

    [Fact]
    public void No_mosaic_from_different_dates_or_with_a_gap()
    {
        var west = Item("west", 9.5, 10.4, Pass);
        Assert.Empty(AcquisitionGrouper.Mosaics([west, Item("east-later", 10.3, 12, Pass.AddDays(5))], Samples));
        Assert.Empty(AcquisitionGrouper.Mosaics([west, Item("east-gap", 10.6, 12, Pass)], Samples));
        Assert.Empty(AcquisitionGrouper.Mosaics([west], Samples));
    }

    [Fact]
    public void Items_outside_the_aoi_are_left_out_of_the_mosaic()
    {
        var mosaic = Assert.Single(AcquisitionGrouper.Mosaics(
            [Item("west", 9.5, 10.4, Pass), Item("east", 10.3, 12, Pass), Item("far", 20, 21, Pass)],
            Samples));

        Assert.Equal(["east", "west"], mosaic.Ids);
    }

    [Fact]
    public void Footprints_decide_coverage_when_present()
    {
        // The bbox covers everything, the footprint only lon < 10.4.
        var triangle = Item("wedge", 9, 12, Pass) with
        {
            Footprint = [[new GeoPoint(9, 47), new GeoPoint(10.4, 47), new GeoPoint(10.4, 50), new GeoPoint(9, 50), new GeoPoint(9, 47)]],
        };

        Assert.True(AcquisitionGrouper.Contains(triangle, new GeoPoint(10.2, 48.5)));
        Assert.False(AcquisitionGrouper.Contains(triangle, new GeoPoint(10.6, 48.5)));
    }

    [Fact]
    public void Order_by_cloud_keeps_the_ranker_order_for_single_items_and_ranks_a_mosaic_by_its_cloudiest_item()
    {
        var center = Pass.AddDays(3);
        var clear = Acquisition.Single(Item("clear", 9, 12, Pass.AddDays(9)) with { CloudCover = 5 });
        var near = Acquisition.Single(Item("near", 9, 12, Pass.AddDays(3)) with { CloudCover = 12 });
        var far = Acquisition.Single(Item("far", 9, 12, Pass.AddDays(-7)) with { CloudCover = 12 });
        var mosaic = new Acquisition([Item("m1", 9, 10.4, Pass) with { CloudCover = 2 }, Item("m2", 10.3, 12, Pass) with { CloudCover = 8 }], [0.6, 0.4]);

        var order = AcquisitionGrouper.OrderByCloud([far, mosaic, near, clear], center);

        Assert.Equal(["clear", "m1", "near", "far"], order.Select(a => a.First.Id).ToArray());
        Assert.Equal(8, mosaic.CloudCover);
    }

    private static SceneCandidate Item(string id, double west, double east, DateTimeOffset datetime) => new()
    {
        Id = id,
        Collection = "sentinel-2-l2a",
        Datetime = datetime,
        BboxLonLat = [west, 47.5, east, 49.5],
        CloudCover = 10,
        Platform = "Sentinel-2A",
        OrbitState = "descending",
        RelativeOrbit = 22,
        MgrsTile = "32UPU",
    };
}
