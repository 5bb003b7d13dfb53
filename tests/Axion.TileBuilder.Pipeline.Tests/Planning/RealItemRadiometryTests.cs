using System.Text.Json;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Testing.Repository;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

/// <summary>
/// The radiometric rule the planner picks for real item documents recorded from the services (see the Fixtures
/// README of Stac.Tests), and the reflectance it gives for a DN of 2000: the value a user sees in the tile.
/// </summary>
public sealed class RealItemRadiometryTests
{
    private static readonly SourceProfile EarthSearchL2A = BuiltInProfiles.EarthSearch.Sentinel2 with
    {
        Collection = "sentinel-2-l2a",
        Flavor = "earth-search-l2a",
    };

    public static TheoryData<string, string, double, string> Items => new()
    {
        // Planetary Computer: raw DN; baseline 02.12 (2019) has no offset, 05.11 (2025) subtracts 1000.
        { "planetary-computer-sentinel-2-l2a-item-baseline-02.12.json", "planetary-computer", 0.2, "pc-baseline<04.00" },
        { "planetary-computer-sentinel-2-l2a-item.json", "planetary-computer", 0.1, "pc-baseline>=04.00:dn-1000" },

        // Earth Search sentinel-2-l2a: boa_offset_applied true, so raster:bands' offset -0.1 must NOT be applied again.
        { "earth-search-v1-sentinel-2-l2a-item.json", "earth-search-l2a", 0.2, "earthsearch-boa-offset-applied" },
        { "earth-search-v1-sentinel-2-l2a-item-2025.json", "earth-search-l2a", 0.2, "earthsearch-boa-offset-applied" },

        // Earth Search sentinel-2-c1-l2a: raw DN with raster:bands scale 0.0001 and offset -0.1.
        { "earth-search-v1-sentinel-2-c1-l2a-item.json", "earth-search-c1", 0.1, "raster-bands:scale=0.0001,offset=-0.1" },
    };

    [Theory]
    [MemberData(nameof(Items))]
    public void Real_items_get_the_rule_of_their_collection(string file, string flavor, double reflectanceOf2000, string rulePrefix)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.StacSample(file)));
        var item = StacItemParser.Parse(document.RootElement);
        var source = flavor switch
        {
            "planetary-computer" => BuiltInProfiles.PlanetaryComputer.Sentinel2,
            "earth-search-l2a" => EarthSearchL2A,
            _ => BuiltInProfiles.EarthSearch.Sentinel2,
        };

        var rule = S2RadiometryChoice.For(item, source);

        Assert.Equal(reflectanceOf2000, rule.Reflectance(2000), 6);
        Assert.StartsWith(rulePrefix, rule.Name, StringComparison.Ordinal); // the name recorded in every tile
    }
}
