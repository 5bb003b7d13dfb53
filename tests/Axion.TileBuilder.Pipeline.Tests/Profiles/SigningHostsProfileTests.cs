using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Pipeline.Tests.Profiles;

/// <summary>The <c>signing.hosts</c> field of a profile and the hosts a profile's signing applies to.</summary>
public sealed class SigningHostsProfileTests
{
    private const string Json = """
        {
          "name": "hosts",
          "sentinel2": {
            "stacUrl": "https://stac.example.test/v1", "collection": "s2", "flavor": "generic",
            "assets": { "B02": "b", "B03": "g", "B04": "r", "B08": "n", "SCL": "s" },
            "signing": { "method": "planetary-computer", "tokenUrl": "https://token.example.test/token", "hosts": HOSTS }
          },
          "sentinel1": { "stacUrl": "https://stac.example.test/v1", "collection": "s1", "flavor": "rtc", "assets": { "vv": "vv", "vh": "vh" } }
        }
        """;

    [Fact]
    public void Planetary_computer_signs_azure_blobs_and_its_token_host_only()
    {
        var signing = BuiltInProfiles.PlanetaryComputer.Sentinel2.Signing!;

        Assert.Equal(["*.blob.core.windows.net"], signing.Hosts);
        Assert.Equal(["*.blob.core.windows.net", "planetarycomputer.microsoft.com:443"], signing.EffectiveHosts(BuiltInProfiles.PlanetaryComputerToken));
    }

    [Fact]
    public void Token_override_adds_the_local_catalogs_own_address()
    {
        var profile = ProfileLoader.WithOverrides(BuiltInProfiles.Demo, "http://127.0.0.1:41234/api/stac/v1", "http://127.0.0.1:41234/api/sas/v1/token");

        Assert.Equal(["*.blob.core.windows.net", "127.0.0.1:41234"], profile.Sentinel1.Signing!.EffectiveHosts(BuiltInProfiles.PlanetaryComputerToken));
    }

    [Fact]
    public void Json_profile_gives_its_hosts()
    {
        var profile = ProfileLoader.Parse(Json.Replace("HOSTS", """["*.example.net", "files.example.org:8443"]""", StringComparison.Ordinal), "hosts.json");

        Assert.Equal(["*.example.net", "files.example.org:8443", "token.example.test:443"], profile.Sentinel2.Signing!.EffectiveHosts(BuiltInProfiles.PlanetaryComputerToken));
        Assert.Contains("\"hosts\"", ProfileLoader.ToJson(profile), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_profile_without_hosts_gets_the_planetary_computer_default()
    {
        var profile = ProfileLoader.Parse(Json.Replace(", \"hosts\": HOSTS", string.Empty, StringComparison.Ordinal), "hosts.json");

        Assert.Null(profile.Sentinel2.Signing!.Hosts);
        Assert.Equal(["*.blob.core.windows.net", "token.example.test:443"], profile.Sentinel2.Signing.EffectiveHosts(BuiltInProfiles.PlanetaryComputerToken));
    }

    [Fact]
    public void Malformed_host_is_bad_input_naming_the_field_and_value()
    {
        var ex = Assert.Throws<AxionException>(() => ProfileLoader.Parse(Json.Replace("HOSTS", """["https://files.example.org/"]""", StringComparison.Ordinal), "hosts.json"));

        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains("sentinel2.signing.hosts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'https://files.example.org/'", ex.Message, StringComparison.Ordinal);
    }
}
