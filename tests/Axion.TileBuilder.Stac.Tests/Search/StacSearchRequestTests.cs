using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Tests.Fakes;

namespace Axion.TileBuilder.Stac.Tests.Search;

public class StacSearchRequestTests
{
    private static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Bbox_query_and_interval_json_is_exact()
    {
        var request = new StacSearchRequest
        {
            Collections = ["sentinel-2-l2a"],
            Bbox = [13.3, 52.4, 13.5, 52.6],
            Limit = 50,
            MaxCloudCover = 20,
        }.WithInterval(Jan1, new DateTimeOffset(2024, 3, 31, 23, 59, 59, TimeSpan.Zero));

        Assert.Equal(
            """{"collections":["sentinel-2-l2a"],"bbox":[13.3,52.4,13.5,52.6],"datetime":"2024-01-01T00:00:00Z/2024-03-31T23:59:59Z","limit":50,"query":{"eo:cloud_cover":{"lte":20}}}""",
            request.ToJsonString());
    }

    [Fact]
    public void Cql2_filter_sortby_ids_and_intersects_json_is_exact()
    {
        var request = new StacSearchRequest
        {
            Collections = ["sentinel-2-c1-l2a", "sentinel-2-l2a"],
            Ids = ["a", "b"],
            Intersects = Fixture.Element("""{"type": "Point", "coordinates": [-105.1019, 40.1672]}"""),
            MaxCloudCover = 12.5,
            CloudFilter = CloudFilterStyle.Cql2,
            SortBy = [new("properties.eo:cloud_cover"), new("properties.datetime", StacSortDirection.Descending)],
        };

        Assert.Equal(
            """{"collections":["sentinel-2-c1-l2a","sentinel-2-l2a"],"ids":["a","b"],"intersects":{"type":"Point","coordinates":[-105.1019,40.1672]},"limit":100,"filter":{"op":"<=","args":[{"property":"eo:cloud_cover"},12.5]},"filter-lang":"cql2-json","sortby":[{"field":"properties.eo:cloud_cover","direction":"asc"},{"field":"properties.datetime","direction":"desc"}]}""",
            request.ToJsonString());
    }

    [Fact]
    public void Cloud_clause_merges_with_extra_query_and_filter()
    {
        var query = new StacSearchRequest
        {
            Query = Fixture.Element("""{"platform":{"eq":"sentinel-2a"},"eo:cloud_cover":{"lt":90}}"""),
            MaxCloudCover = 10,
        };
        Assert.Equal("""{"limit":100,"query":{"platform":{"eq":"sentinel-2a"},"eo:cloud_cover":{"lte":10}}}""", query.ToJsonString());

        var filter = new StacSearchRequest
        {
            Filter = Fixture.Element("""{"op":"=","args":[{"property":"platform"},"sentinel-2b"]}"""),
            MaxCloudCover = 10,
            CloudFilter = CloudFilterStyle.Cql2,
        };
        Assert.Equal(
            """{"limit":100,"filter":{"op":"and","args":[{"op":"=","args":[{"property":"platform"},"sentinel-2b"]},{"op":"<=","args":[{"property":"eo:cloud_cover"},10]}]},"filter-lang":"cql2-json"}""",
            filter.ToJsonString());

        var none = new StacSearchRequest { MaxCloudCover = 10, CloudFilter = CloudFilterStyle.None };
        Assert.Equal("""{"limit":100}""", none.ToJsonString());
    }

    [Fact]
    public void Bbox_and_intersects_together_are_rejected()
    {
        var request = new StacSearchRequest
        {
            Bbox = [0, 0, 1, 1],
            Intersects = Fixture.Element("""{"type":"Point","coordinates":[0.5,0.5]}"""),
        };

        var e = Assert.Throws<ArgumentException>(request.Validate);
        Assert.Contains("bbox or intersects, never both", e.Message);
        Assert.Throws<ArgumentException>(() => request.ToJson());
    }

    [Theory]
    [InlineData(new double[] { 0, 0, 1 }, "bbox must have 4 numbers")]
    [InlineData(new double[] { 0, 10, 1, 5 }, "south <= north")]
    [InlineData(new double[] { 0, -91, 1, 5 }, "-90 <= south")]
    [InlineData(new double[] { double.NaN, 0, 1, 5 }, "non-finite")]
    public void Bad_bbox_is_rejected(double[] bbox, string expected)
    {
        var e = Assert.Throws<ArgumentException>(new StacSearchRequest { Bbox = bbox }.Validate);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Antimeridian_bbox_is_accepted()
    {
        var json = new StacSearchRequest { Bbox = [179.5, -17, -179.5, -16] }.ToJsonString();
        Assert.Equal("""{"bbox":[179.5,-17,-179.5,-16],"limit":100}""", json);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public void Bad_limit_is_rejected(int limit)
    {
        var e = Assert.Throws<ArgumentException>(new StacSearchRequest { Limit = limit }.Validate);
        Assert.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void Bad_cloud_cover_and_geometry_are_rejected()
    {
        Assert.Throws<ArgumentException>(new StacSearchRequest { MaxCloudCover = 101 }.Validate);
        Assert.Throws<ArgumentException>(new StacSearchRequest { Intersects = Fixture.Element("[1,2]") }.Validate);
    }

    [Fact]
    public void Interval_open_ends_and_instants()
    {
        Assert.Equal("2024-01-01T00:00:00Z/..", StacSearchRequest.FormatInterval(Jan1, null));
        Assert.Equal("../2024-01-01T00:00:00Z", StacSearchRequest.FormatInterval(null, Jan1));
        Assert.Null(StacSearchRequest.FormatInterval(null, null));
        Assert.Equal(
            "2023-12-31T23:00:00Z/2024-01-01T00:00:00.25Z",
            StacSearchRequest.FormatInterval(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), Jan1.AddMilliseconds(250)));
        var e = Assert.Throws<ArgumentException>(() => StacSearchRequest.FormatInterval(Jan1, Jan1.AddDays(-1)));
        Assert.Contains("2023-12-31T00:00:00Z is before its start 2024-01-01T00:00:00Z", e.Message);
        Assert.Null(new StacSearchRequest { Datetime = "x" }.WithInterval(null, null).Datetime);
    }
}
