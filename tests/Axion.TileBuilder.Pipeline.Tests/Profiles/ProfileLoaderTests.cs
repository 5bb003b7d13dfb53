using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Tests.Support;

namespace Axion.TileBuilder.Pipeline.Tests.Profiles;

public class ProfileLoaderTests
{
    private const string ValidJson = """
        {
          // comments and trailing commas are allowed
          "name": "my-catalog",
          "description": "test profile",
          "sentinel2": {
            "stacUrl": "https://stac.example.test/v1",
            "collection": "s2-l2a",
            "flavor": "earth-search-c1",
            "assets": { "B02": "blue", "B03": "green", "B04": "red", "B08": "nir", "SCL": "scl" },
            "cloudFilter": "cql2",
          },
          "sentinel1": {
            "stacUrl": "https://stac.example.test/v1",
            "collection": "s1-rtc",
            "flavor": "rtc",
            "assets": { "vv": "VV", "vh": "VH" },
            "signing": { "method": "planetary-computer", "tokenUrl": "https://token.example.test/token" },
            "extraAllowedSchemes": ["s3"]
          }
        }
        """;

    [Theory]
    [InlineData("planetary-computer")]
    [InlineData("Planetary-Computer")]
    [InlineData("PLANETARY-COMPUTER")]
    public void Loads_planetary_computer_by_name_ignoring_case(string name)
    {
        Assert.Same(BuiltInProfiles.PlanetaryComputer, ProfileLoader.Load(name));
    }

    [Fact]
    public void Loads_every_built_in_by_name()
    {
        Assert.Same(BuiltInProfiles.EarthSearch, ProfileLoader.Load("Earth-Search"));
        Assert.Same(BuiltInProfiles.Demo, ProfileLoader.Load("DEMO"));
        Assert.Equal("blue", ProfileLoader.Load("earth-search").Sentinel2.Assets["B02"]);
        Assert.Equal("sentinel-1-rtc", ProfileLoader.Load("earth-search").Sentinel1.Collection);
    }

    [Fact]
    public void Parses_the_documented_json_format()
    {
        var profile = ProfileLoader.Parse(ValidJson, "my.json");

        Assert.Equal("my-catalog", profile.Name);
        Assert.Equal("https://stac.example.test/v1", profile.Sentinel2.StacUrl);
        Assert.Equal("earth-search-c1", profile.Sentinel2.Flavor);
        Assert.Equal("cql2", profile.Sentinel2.CloudFilter);
        Assert.Equal("scl", profile.Sentinel2.Assets["SCL"]);
        Assert.Null(profile.Sentinel2.Signing);
        Assert.Equal("planetary-computer", profile.Sentinel1.Signing!.Method);
        Assert.Equal("https://token.example.test/token", profile.Sentinel1.Signing.TokenUrl);
        Assert.Equal(["s3"], profile.Sentinel1.ExtraAllowedSchemes);
        Assert.Equal("query", profile.Sentinel1.CloudFilter);
    }

    [Theory]
    [InlineData("planetary-computer")]
    [InlineData("earth-search")]
    public void Json_round_trip_of_built_ins(string name)
    {
        var profile = ProfileLoader.Load(name);

        var json = ProfileLoader.ToJson(profile);
        var back = ProfileLoader.Parse(json, "round-trip.json");

        Assert.Equal(json, ProfileLoader.ToJson(back));
        Assert.Equal(profile.Name, back.Name);
        Assert.Equal(profile.Sentinel2.StacUrl, back.Sentinel2.StacUrl);
        Assert.Equal(profile.Sentinel2.Assets.OrderBy(p => p.Key), back.Sentinel2.Assets.OrderBy(p => p.Key));
        Assert.Equal(profile.Sentinel1.Signing, back.Sentinel1.Signing);
        Assert.Contains("\"stacUrl\"", json, StringComparison.Ordinal);
        Assert.Contains("\"tokenUrl\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_a_profile_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("catalog.json");
        File.WriteAllText(path, ProfileLoader.ToJson(ProfileLoader.Parse(ValidJson, "x")));

        var profile = ProfileLoader.Load(path);

        Assert.Equal("my-catalog", profile.Name);
        Assert.Equal("VV", profile.Sentinel1.Assets["vv"]);
    }

    [Fact]
    public void Missing_scl_asset_key_is_bad_input_naming_the_field()
    {
        var json = ValidJson.Replace(", \"SCL\": \"scl\"", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(json, "my.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("sentinel2.assets", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SCL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("my.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_vh_asset_key_names_sentinel1()
    {
        var json = ValidJson.Replace(", \"vh\": \"VH\"", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(json, "my.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("sentinel1.assets", ex.Message, StringComparison.Ordinal);
        Assert.Contains("vh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ftp_stac_url_is_bad_input_naming_the_field_and_value()
    {
        var json = ValidJson.Replace("\"stacUrl\": \"https://stac.example.test/v1\",\n    \"collection\": \"s1-rtc\"", "\"stacUrl\": \"ftp://stac.example.test/v1\",\n    \"collection\": \"s1-rtc\"", StringComparison.Ordinal);
        Assert.Contains("ftp://", json, StringComparison.Ordinal);

        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(json, "my.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("sentinel1.stacUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'ftp://stac.example.test/v1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_signing_method_is_bad_input_naming_the_field_and_value()
    {
        var json = ValidJson.Replace("\"method\": \"planetary-computer\"", "\"method\": \"aws-sigv4\"", StringComparison.Ordinal);

        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(json, "my.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("sentinel1.signing.method", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'aws-sigv4'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_cloud_filter_is_bad_input_naming_the_field()
    {
        var json = ValidJson.Replace("\"cloudFilter\": \"cql2\"", "\"cloudFilter\": \"filter\"", StringComparison.Ordinal);

        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(json, "my.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("sentinel2.cloudFilter", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'filter'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{ "name": "x", "sentinel2": { "stacUrl": "https://a" } }""")]
    [InlineData("null")]
    public void Malformed_json_is_bad_input(string json)
    {
        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(json, "broken.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_name_is_bad_input_listing_the_built_ins()
    {
        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Load("planetary"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("'planetary'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("planetary-computer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("earth-search", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_profile_file_is_bad_input()
    {
        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Load("/nonexistent/dir/catalog.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("/nonexistent/dir/catalog.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_replace_both_endpoints_of_a_single_catalog_profile()
    {
        const string stac = "http://127.0.0.1:40123/api/stac/v1";
        const string token = "http://127.0.0.1:40123/api/sas/v1/token";

        var profile = ProfileLoader.WithOverrides(BuiltInProfiles.PlanetaryComputer, stac, token);

        Assert.Equal(stac, profile.Sentinel2.StacUrl);
        Assert.Equal(stac, profile.Sentinel1.StacUrl);
        Assert.Equal(token, profile.Sentinel2.Signing!.TokenUrl);
        Assert.Equal(token, profile.Sentinel1.Signing!.TokenUrl);
        Assert.Equal("planetary-computer", profile.Sentinel1.Signing.Method);
        Assert.Equal(BuiltInProfiles.PlanetaryComputer.Sentinel2.Collection, profile.Sentinel2.Collection);
        Assert.Equal(BuiltInProfiles.PlanetaryComputerStac, BuiltInProfiles.PlanetaryComputer.Sentinel2.StacUrl);
    }

    [Fact]
    public void Overrides_touch_only_sources_on_the_primary_stac_and_only_signing_sources()
    {
        const string stac = "http://127.0.0.1:40123/v1";
        const string token = "http://127.0.0.1:40124/token";

        var profile = ProfileLoader.WithOverrides(BuiltInProfiles.EarthSearch, stac, token);

        Assert.Equal(stac, profile.Sentinel2.StacUrl);
        Assert.Null(profile.Sentinel2.Signing);
        Assert.Equal(BuiltInProfiles.PlanetaryComputerStac, profile.Sentinel1.StacUrl);
        Assert.Equal(token, profile.Sentinel1.Signing!.TokenUrl);
    }

    [Fact]
    public void Null_overrides_change_nothing()
    {
        var profile = ProfileLoader.WithOverrides(BuiltInProfiles.EarthSearch, null, null);

        Assert.Equal(ProfileLoader.ToJson(BuiltInProfiles.EarthSearch), ProfileLoader.ToJson(profile));
    }

    [Fact]
    public void Token_override_leaves_a_none_signing_method_alone()
    {
        var source = ProfileLoader.Parse(ValidJson.Replace("\"method\": \"planetary-computer\"", "\"method\": \"none\"", StringComparison.Ordinal), "x");

        var profile = ProfileLoader.WithOverrides(source, null, "http://127.0.0.1:1/token");

        Assert.Equal("https://token.example.test/token", profile.Sentinel1.Signing!.TokenUrl);
    }

    [Fact]
    public void Invalid_stac_override_is_bad_input()
    {
        var ex = Assert.Throws<AxionException>(() => ProfileLoader.WithOverrides(BuiltInProfiles.PlanetaryComputer, "ftp://127.0.0.1/stac", null));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("sentinel2.stacUrl", ex.Message, StringComparison.Ordinal);
    }
}
