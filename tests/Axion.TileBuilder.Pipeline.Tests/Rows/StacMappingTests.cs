using System.Text.Json;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Tests.Rows;

public class StacMappingTests
{
    [Fact]
    public void Polygon_footprint_is_its_outer_ring()
    {
        var geometry = Parse("""
            {"type":"Polygon","coordinates":[
              [[2.0,48.0],[3.5,48.1],[3.4,49.0],[1.9,48.9],[2.0,48.0]],
              [[2.5,48.4],[2.6,48.4],[2.6,48.5],[2.5,48.4]]]}
            """);

        var rings = StacMapping.Footprint(geometry);

        Assert.NotNull(rings);
        var ring = Assert.Single(rings);
        Assert.Equal([new GeoPoint(2.0, 48.0), new GeoPoint(3.5, 48.1), new GeoPoint(3.4, 49.0), new GeoPoint(1.9, 48.9), new GeoPoint(2.0, 48.0)], ring);
    }

    [Fact]
    public void MultiPolygon_footprint_has_one_ring_per_polygon()
    {
        var geometry = Parse("""
            {"type":"MultiPolygon","coordinates":[
              [[[179.0,-17.0],[180.0,-17.0],[180.0,-18.0],[179.0,-18.0],[179.0,-17.0]]],
              [[[-180.0,-17.0],[-179.5,-17.0,12.5],[-179.5,-18.0],[-180.0,-18.0],[-180.0,-17.0]],[[-179.9,-17.1],[-179.8,-17.1],[-179.8,-17.2],[-179.9,-17.1]]]]}
            """);

        var rings = StacMapping.Footprint(geometry);

        Assert.NotNull(rings);
        Assert.Equal(2, rings.Count);
        Assert.Equal(5, rings[0].Count);
        Assert.Equal(new GeoPoint(180.0, -18.0), rings[0][2]);
        Assert.Equal(5, rings[1].Count);
        Assert.Equal(new GeoPoint(-179.5, -17.0), rings[1][1]);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[2.0,48.0]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[2.0,48.0],[3.0,48.0],[2.0,48.0]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""")]
    [InlineData("""{"type":"Polygon"}""")]
    [InlineData("""{"coordinates":[[[2.0,48.0],[3.0,48.0],[3.0,49.0],[2.0,48.0]]]}""")]
    [InlineData("[1,2,3]")]
    public void Other_or_degenerate_geometry_has_no_footprint(string json)
    {
        Assert.Null(StacMapping.Footprint(Parse(json)));
    }

    [Fact]
    public void Null_geometry_has_no_footprint()
    {
        Assert.Null(StacMapping.Footprint(null));
    }

    [Fact]
    public void ToCandidate_lists_missing_assets_in_the_required_order()
    {
        var item = StacItemParser.Parse("""
            {"type":"Feature","id":"S2A_T31UDQ_20240601","bbox":[1.5,48.3,0,3.1,49.3,0],
             "geometry":{"type":"Polygon","coordinates":[[[1.5,48.3],[3.1,48.3],[3.1,49.3],[1.5,49.3],[1.5,48.3]]]},
             "properties":{"datetime":"2024-06-01T10:30:31Z","eo:cloud_cover":3.25,"proj:epsg":32631,"s2:processing_baseline":"05.10",
                           "platform":"sentinel-2a","s2:mgrs_tile":"31UDQ"},
             "assets":{"B02":{"href":"https://x/B02.tif"},"B03":{"href":"https://x/B03.tif"},"B04":{"href":"https://x/B04.tif"}}}
            """);

        var candidate = StacMapping.ToCandidate(item, "sentinel-2-l2a", ["B02", "B03", "B04", "B08", "SCL"]);

        Assert.False(candidate.HasAllAssets);
        Assert.Equal(["B08", "SCL"], candidate.MissingAssets);
        Assert.Equal("S2A_T31UDQ_20240601", candidate.Id);
        Assert.Equal("sentinel-2-l2a", candidate.Collection);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 30, 31, TimeSpan.Zero), candidate.Datetime);
        Assert.Equal([1.5, 48.3, 3.1, 49.3], candidate.BboxLonLat);
        Assert.Equal(3.25, candidate.CloudCover);
        Assert.Equal(32631, candidate.Epsg);
        Assert.Equal("05.10", candidate.ProcessingBaseline);
        Assert.Equal("sentinel-2a", candidate.Platform);
        Assert.Equal("31UDQ", candidate.MgrsTile);
        Assert.Equal(5, Assert.Single(candidate.Footprint!).Count);
    }

    [Fact]
    public void ToCandidate_with_all_assets_keeps_the_items_collection()
    {
        var item = StacItemParser.Parse("""
            {"type":"Feature","id":"S1A_rtc","collection":"sentinel-1-rtc","geometry":null,
             "properties":{"datetime":"2024-06-03T05:50:25Z","sat:orbit_state":"descending"},
             "assets":{"vv":{"href":"https://x/vv.tif"},"vh":{"href":"https://x/vh.tif"}}}
            """);

        var candidate = StacMapping.ToCandidate(item, "fallback-collection", ["vv", "vh"]);

        Assert.True(candidate.HasAllAssets);
        Assert.Empty(candidate.MissingAssets);
        Assert.Equal("sentinel-1-rtc", candidate.Collection);
        Assert.Equal("descending", candidate.OrbitState);
        Assert.Empty(candidate.BboxLonLat);
        Assert.Null(candidate.Footprint);
        Assert.Null(candidate.CloudCover);
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
