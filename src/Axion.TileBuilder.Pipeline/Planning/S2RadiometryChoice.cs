using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Radiometry;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The radiometric rule of a chosen Sentinel-2 item: what the collection flavour, the item and its red band say.</summary>
public static class S2RadiometryChoice
{
    /// <summary>The rule for <paramref name="item"/> read through <paramref name="source"/> (uses the asset of band B04).</summary>
    public static S2RadiometryRule For(StacItem item, SourceProfile source)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(source);
        var reference = item.Assets[source.Assets["B04"]];
        return S2RadiometryResolver.Resolve(new S2RadiometryInput(
            FlavorOf(source.Flavor),
            item.ProcessingBaseline,
            item.BoaOffsetApplied,
            reference.Scale,
            reference.Offset,
            item.Datetime));
    }

    private static S2CollectionFlavor FlavorOf(string flavor) => flavor switch
    {
        "planetary-computer" => S2CollectionFlavor.PlanetaryComputer,
        "earth-search-l2a" => S2CollectionFlavor.EarthSearchL2A,
        "earth-search-c1" => S2CollectionFlavor.EarthSearchC1,
        _ => S2CollectionFlavor.Generic,
    };
}
