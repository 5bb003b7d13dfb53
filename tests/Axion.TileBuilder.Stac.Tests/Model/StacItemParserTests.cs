using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Tests.Fakes;

namespace Axion.TileBuilder.Stac.Tests.Model;

public class StacItemParserTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s, long ticksFraction = 0) =>
        new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).AddTicks(ticksFraction);

    [Fact]
    public void Planetary_computer_sentinel2_baseline_05_11()
    {
        var item = Fixture.Item("planetary-computer-sentinel-2-l2a-item.json");

        Assert.Equal("S2B_MSIL2A_20250312T014549_R074_T53NKG_20250312T041213", item.Id);
        Assert.Equal("sentinel-2-l2a", item.Collection);
        Assert.Equal(Utc(2025, 3, 12, 1, 45, 49, 240_000), item.Datetime);
        Assert.Equal(32653, item.Epsg);
        Assert.Equal(9.976021, item.CloudCover);
        Assert.Equal("05.11", item.ProcessingBaseline);
        Assert.Equal("53NKG", item.MgrsTile);
        Assert.Equal("Sentinel-2B", item.Platform);
        Assert.Equal("descending", item.OrbitState);
        Assert.Null(item.BoaOffsetApplied);
        Assert.Empty(item.Polarizations);
        Assert.Equal([132.2919967, 5.3337874, 133.1949724, 5.5732075], item.Bbox!);
        Assert.Equal("Polygon", item.Geometry!.Value.GetProperty("type").GetString());

        var red = item.Assets["B04"];
        Assert.Equal("B04", red.Key);
        Assert.StartsWith("https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/53/N/KG/2025/03/12/", red.Href);
        Assert.Equal("image/tiff; application=geotiff; profile=cloud-optimized", red.Type);
        Assert.Equal(["data"], red.Roles);
        Assert.Null(red.Scale);
        Assert.Null(red.Offset);
        Assert.Null(red.NoData);
        Assert.Null(red.Epsg);
        Assert.Equal(32653, item.EpsgOf(red));
        Assert.Equal([10980, 10980], red.ProjShape!);
        Assert.Equal([10.0, 0.0, 199980.0, 0.0, -10.0, 700020.0], red.ProjTransform!);
        Assert.Equal([5490, 5490], item.Assets["SCL"].ProjShape!);
        Assert.Equal([20.0, 0.0, 199980.0, 0.0, -20.0, 700020.0], item.Assets["SCL"].ProjTransform!);
        Assert.False(item.Assets.ContainsKey("b04"));
        Assert.Equal(23, item.Assets.Count);
    }

    [Fact]
    public void Planetary_computer_sentinel2_baseline_02_12()
    {
        var item = Fixture.Item("planetary-computer-sentinel-2-l2a-item-baseline-02.12.json");

        Assert.Equal("S2B_MSIL2A_20190629T212529_R043_T06VVN_20201006T080531", item.Id);
        Assert.Equal("02.12", item.ProcessingBaseline);
        Assert.Equal(32606, item.Epsg);
        Assert.Equal(0.314306, item.CloudCover);
        Assert.Equal("06VVN", item.MgrsTile);
        Assert.Equal(Utc(2019, 6, 29, 21, 25, 29, 240_000), item.Datetime);
        Assert.Equal([10.0, 0.0, 399960.0, 0.0, -10.0, 6800040.0], item.Assets["B08"].ProjTransform!);
    }

    [Fact]
    public void Earth_search_l2a_has_raster_bands_and_boa_flag()
    {
        var item = Fixture.Item("earth-search-v1-sentinel-2-l2a-item.json");

        Assert.Equal("S2A_13TDE_20231008_0_L2A", item.Id);
        Assert.Equal("sentinel-2-l2a", item.Collection);
        Assert.Equal(32613, item.Epsg);
        Assert.Equal(0.000299, item.CloudCover);
        Assert.Equal("05.09", item.ProcessingBaseline);
        Assert.True(item.BoaOffsetApplied);
        Assert.Equal("13TDE", item.MgrsTile);
        Assert.Equal("sentinel-2a", item.Platform);
        Assert.Equal(Utc(2023, 10, 8, 18, 2, 55, 2_760_000), item.Datetime);

        var red = item.Assets["red"];
        Assert.Equal(0.0001, red.Scale);
        Assert.Equal(-0.1, red.Offset);
        Assert.Equal(0.0, red.NoData);
        Assert.Equal("uint16", red.DataType);
        Assert.Equal(["data", "reflectance"], red.Roles);
        Assert.True(red.HasRole("Reflectance"));
        Assert.Equal([10.0, 0, 399960, 0, -10, 4500000], red.ProjTransform!);
        Assert.StartsWith("https://sentinel-cogs.s3.us-west-2.amazonaws.com/", red.Href);
        Assert.Equal("s3://sentinel-s2-l2a/tiles/13/T/DE/2023/10/8/0/B04.jp2", item.Assets["red-jp2"].Href);
        Assert.Equal("uint8", item.Assets["scl"].DataType);
        Assert.Null(item.Assets["scl"].Scale);
    }

    [Fact]
    public void Earth_search_l2a_2025_and_collection1()
    {
        var old = Fixture.Item("earth-search-v1-sentinel-2-l2a-item-2025.json");
        Assert.Equal("S2B_24MWV_20250731_0_L2A", old.Id);
        Assert.Equal("05.11", old.ProcessingBaseline);
        Assert.True(old.BoaOffsetApplied);
        Assert.Equal("24MWV", old.MgrsTile);
        Assert.Equal(32724, old.Epsg);

        var c1 = Fixture.Item("earth-search-v1-sentinel-2-c1-l2a-item.json");
        Assert.Equal("S2B_T24MWV_20250731T130245_L2A", c1.Id);
        Assert.Equal("sentinel-2-c1-l2a", c1.Collection);
        Assert.Null(c1.BoaOffsetApplied);
        Assert.Equal(25.342679, c1.CloudCover);
        Assert.Equal(119151322L, c1.Assets["red"].FileSize);
        Assert.Equal(0.0001, c1.Assets["red"].Scale);
        Assert.Equal(-0.1, c1.Assets["red"].Offset);
        Assert.Equal(0.001, c1.Assets["wvp"].Scale);
        Assert.Equal(0.0, c1.Assets["wvp"].Offset);
        Assert.Equal(Utc(2025, 7, 31, 13, 3, 24, 3_210_000), c1.Datetime);
    }

    [Fact]
    public void Sentinel1_rtc_has_nine_element_transform_and_space_datetimes()
    {
        var item = Fixture.Item("planetary-computer-sentinel-1-rtc-item.json");

        Assert.Equal("S1A_IW_GRDH_1SDV_20250311T044231_20250311T044249_058252_073302_rtc", item.Id);
        Assert.Equal("sentinel-1-rtc", item.Collection);
        Assert.Equal(Utc(2025, 3, 11, 4, 42, 40, 6_966_520), item.Datetime);
        Assert.Equal(Utc(2025, 3, 11, 4, 42, 31, 7_195_760), item.StartDatetime);
        Assert.Equal(Utc(2025, 3, 11, 4, 42, 49, 6_737_290), item.EndDatetime);
        Assert.Equal(32634, item.Epsg);
        Assert.Equal(["VV", "VH"], item.Polarizations);
        Assert.Equal("descending", item.OrbitState);
        Assert.Equal([17058, 28320], item.ProjShape!);
        Assert.Equal([10.0, 0.0, 180600.0, 0.0, -10.0, 3408040.0], item.ProjTransform!);
        Assert.Null(item.CloudCover);

        var vv = item.Assets["vv"];
        Assert.Equal(-32768.0, vv.NoData);
        Assert.Equal("float32", vv.DataType);
        Assert.Equal(1242662612L, vv.FileSize);
        Assert.Null(vv.Scale);
        // Item-level projection applies to assets that do not override it.
        Assert.Equal([17058, 28320], vv.ProjShape!);
        Assert.Equal([10.0, 0.0, 180600.0, 0.0, -10.0, 3408040.0], vv.ProjTransform!);
        Assert.Equal(32634, item.EpsgOf(vv));
    }

    [Fact]
    public void Sentinel1_grd_without_projection()
    {
        var item = Fixture.Item("planetary-computer-sentinel-1-grd-item.json");

        Assert.Equal("S1A_IW_GRDH_1SDV_20250312T052236_20250312T052301_058267_073394", item.Id);
        Assert.Null(item.Epsg);
        Assert.Null(item.ProjShape);
        Assert.Null(item.ProjTransform);
        Assert.Equal(["VV", "VH"], item.Polarizations);
        Assert.Equal("SENTINEL-1A", item.Platform);
        Assert.Equal(Utc(2025, 3, 12, 5, 22, 49, 1_030_980), item.Datetime);
        Assert.Equal(Utc(2025, 3, 12, 5, 22, 36, 6_044_360), item.StartDatetime);
        var vv = item.Assets["vv"];
        Assert.Null(vv.ProjShape);
        Assert.Null(vv.ProjTransform);
        Assert.Null(vv.NoData);
        Assert.Null(item.EpsgOf(vv));
    }

    [Fact]
    public void Earth_search_grd_is_single_pol_hh_on_s3()
    {
        var item = Fixture.Item("earth-search-v1-sentinel-1-grd-item.json");

        Assert.Equal("S1A_IW_GRDH_1SSH_20250731T135702_20250731T135722_060328_077F7E", item.Id);
        Assert.Equal(["HH"], item.Polarizations);
        Assert.Equal("ascending", item.OrbitState);
        Assert.Equal(4326, item.Epsg);
        var hh = item.Assets["hh"];
        Assert.StartsWith("s3://sentinel-s1-l1c/GRD/2025/7/31/IW/SH/", hh.Href);
        Assert.Equal(0.0, hh.NoData);
        Assert.Equal("uint16", hh.DataType);
        Assert.False(item.Assets.ContainsKey("vv"));
    }

    [Fact]
    public void Stac_1_1_fields_proj_code_and_raster_scale_on_asset()
    {
        const string json = """
            {"type":"Feature","stac_version":"1.1.0","id":"S2C_T33UWP","collection":"sentinel-2-l2a",
             "bbox":[14.9, 49.5, 0, 16.5, 50.5, 100],
             "properties":{"datetime":"2025-03-30T10:00:51.123456789Z","proj:code":"EPSG:32633","mgrs:utm_zone":33,"mgrs:latitude_band":"U","mgrs:grid_square":"WP","s2:processing_baseline":5.11},
             "assets":{
               "B04":{"href":"https://example.test/B04.tif","proj:code":"EPSG:32633","raster:scale":0.0001,"raster:offset":-0.1,"nodata":0,"data_type":"uint16","proj:shape":[10980,10980]},
               "B05":{"href":"https://example.test/B05.tif","bands":[{"nodata":"nan","data_type":"float32","raster:scale":2}]},
               "nohref":{"type":"image/tiff"}
             }}
            """;
        var item = StacItemParser.Parse(json);

        Assert.Equal(32633, item.Epsg);
        Assert.Equal("33UWP", item.MgrsTile);
        Assert.Equal("05.11", item.ProcessingBaseline);
        Assert.Equal(Utc(2025, 3, 30, 10, 0, 51, 1_234_567), item.Datetime);
        Assert.Equal([14.9, 49.5, 16.5, 50.5], item.Bbox!);
        var b04 = item.Assets["B04"];
        Assert.Equal(32633, b04.Epsg);
        Assert.Equal(0.0001, b04.Scale);
        Assert.Equal(-0.1, b04.Offset);
        Assert.Equal(0.0, b04.NoData);
        Assert.Equal("uint16", b04.DataType);
        var b05 = item.Assets["B05"];
        Assert.True(double.IsNaN(b05.NoData!.Value));
        Assert.Equal(2.0, b05.Scale);
        Assert.Equal("float32", b05.DataType);
        Assert.False(item.Assets.ContainsKey("nohref"));
    }

    [Fact]
    public void Datetime_falls_back_to_start_datetime()
    {
        var item = StacItemParser.Parse("""
            {"id":"a","properties":{"datetime":null,"start_datetime":"2024-05-01 12:00:00+02:00","end_datetime":"2024-05-01T13:00:00Z"},"assets":{}}
            """);

        Assert.Equal(Utc(2024, 5, 1, 10, 0, 0), item.Datetime);
        Assert.Equal(TimeSpan.Zero, item.Datetime.Offset);
        Assert.Null(item.Collection);
        Assert.Null(item.Bbox);
        Assert.Null(item.Geometry);
        Assert.Null(item.CloudCover);
        Assert.Empty(item.Assets);
    }

    [Theory]
    [InlineData("""{"properties":{"datetime":"2024-01-01T00:00:00Z"},"assets":{}}""", "no 'id'")]
    [InlineData("""{"id":17,"properties":{"datetime":"2024-01-01T00:00:00Z"},"assets":{}}""", "invalid 'id' (JSON number")]
    [InlineData("""{"id":"S2X_1","properties":{"datetime":"2024-01-01T00:00:00Z"}}""", "STAC item 'S2X_1' has no 'assets'")]
    [InlineData("""{"id":"S2X_2","properties":{"datetime":"2024-01-01T00:00:00Z"},"assets":[]}""", "STAC item 'S2X_2' has an invalid 'assets' (JSON array")]
    [InlineData("""{"id":"S2X_3","properties":{"datetime":"yesterday"},"assets":{}}""", "STAC item 'S2X_3' has an unparsable 'datetime' \"yesterday\"")]
    [InlineData("""{"id":"S2X_4","properties":{},"assets":{}}""", "STAC item 'S2X_4' has neither 'datetime' nor 'start_datetime'")]
    [InlineData("""[1,2]""", "STAC item is a JSON array")]
    public void Unusable_items_throw_with_id_and_field(string json, string expected)
    {
        var e = Assert.Throws<StacFormatException>(() => StacItemParser.Parse(json));
        Assert.Contains(expected, e.Message);
        Assert.Equal(Axion.TileBuilder.Errors.FailureKind.Permanent, e.Kind);
    }

    [Fact]
    public void Feature_collection_skips_and_reports_bad_features()
    {
        var item = Fixture.Text("planetary-computer-sentinel-2-l2a-item.json");
        var json = "{\"type\":\"FeatureCollection\",\"numberMatched\":3,\"features\":[" + item
            + ",{\"id\":\"broken\",\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\"}}"
            + ",{\"id\":\"fine\",\"properties\":{\"datetime\":\"2024-01-01T00:00:00Z\"},\"assets\":{\"a\":{\"href\":\"https://x.test/a.tif\"}}}"
            + "],\"links\":[{\"rel\":\"next\",\"href\":\"https://x.test/search\",\"method\":\"POST\",\"body\":{\"token\":\"t1\"},\"merge\":true,\"headers\":{\"X-A\":\"1\"}}]}";

        var page = StacItemParser.ParseFeatureCollection(json);

        Assert.Equal(["S2B_MSIL2A_20250312T014549_R074_T53NKG_20250312T041213", "fine"], page.Items.Select(i => i.Id));
        var problem = Assert.Single(page.Problems);
        Assert.Equal(1, problem.Index);
        Assert.Equal("broken", problem.ItemId);
        Assert.Contains("'broken' has no 'assets'", problem.Message);
        Assert.Equal(3, page.FeatureCount);
        Assert.Equal(3L, page.NumberMatched);
        Assert.NotNull(page.Next);
        Assert.Equal("POST", page.Next!.Method);
        Assert.True(page.Next.Merge);
        Assert.Equal("t1", page.Next.Body!.Value.GetProperty("token").GetString());
        Assert.Equal("1", page.Next.Headers!["x-a"]);
    }

    [Fact]
    public void Earth_search_page_reads_context_and_next_link()
    {
        var page = StacItemParser.ParseFeatureCollection(Fixture.Text("earth-search-v1-search-post-page1.json"));

        Assert.Equal(["S2A_13TDE_20231008_0_L2A", "LC08_L2SP_033032_20231008_02_T1"], page.Items.Select(i => i.Id));
        Assert.Empty(page.Problems);
        Assert.Equal(2L, page.NumberMatched);
        Assert.False(page.Next!.Merge);
        Assert.Equal("2023-10-08T17:37:26.656958Z,LC08_L2SP_033032_20231008_02_T1,landsat-c2-l2", page.Next.Body!.Value.GetProperty("next").GetString());

        var empty = StacItemParser.ParseFeatureCollection(Fixture.Text("earth-search-v1-search-post-page2-empty.json"));
        Assert.Equal(0, empty.FeatureCount);
        Assert.Null(empty.Next);
    }

    [Fact]
    public void Cql2_page_mixes_collections_and_keeps_cloud_cover_raw()
    {
        var page = StacItemParser.ParseFeatureCollection(Fixture.Text("earth-search-v1-search-cql2-filter-page1.json"));

        Assert.Equal(10, page.Items.Count);
        Assert.Contains(page.Items, i => i.CloudCover > 40);
        Assert.Contains(page.Items, i => i.CloudCover is null);
        Assert.Equal(["sentinel-1-grd", "sentinel-2-c1-l2a", "sentinel-2-l1c", "sentinel-2-l2a"], page.Items.Select(i => i.Collection!).Distinct().Order());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"type":"FeatureCollection"}""")]
    [InlineData("""{"features":{}}""")]
    public void Not_a_feature_collection_throws(string json)
    {
        Assert.Throws<StacFormatException>(() => StacItemParser.ParseFeatureCollection(json));
    }

    [Fact]
    public void Invalid_json_text_throws_format_exception()
    {
        var e = Assert.Throws<StacFormatException>(() => StacItemParser.Parse("{\"id\": "));
        Assert.StartsWith("invalid STAC JSON:", e.Message);
    }
}
