using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.Core.Tests.Radiometry;

public class S2RadiometryResolverTests
{
    private static readonly DateTimeOffset Before = new(2021, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset After = new(2023, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<S2RadiometryInput, string, double> Cases => new()
    {
        // Planetary Computer: raw DN, baseline decides (numerically).
        { new(S2CollectionFlavor.PlanetaryComputer, "05.11"), "pc-baseline>=04.00:dn-1000/10000", -0.1 },
        { new(S2CollectionFlavor.PlanetaryComputer, "04.00"), "pc-baseline>=04.00:dn-1000/10000", -0.1 },
        { new(S2CollectionFlavor.PlanetaryComputer, "02.12"), "pc-baseline<04.00:dn/10000", 0 },
        { new(S2CollectionFlavor.PlanetaryComputer, "03.99", Datetime: After), "pc-baseline<04.00:dn/10000", 0 },
        { new(S2CollectionFlavor.PlanetaryComputer, null, Datetime: After), "pc-baseline>=04.00-assumed-by-date:dn-1000/10000", -0.1 },
        { new(S2CollectionFlavor.PlanetaryComputer, null, Datetime: Before), "pc-baseline<04.00-assumed-by-date:dn/10000", 0 },
        { new(S2CollectionFlavor.PlanetaryComputer, "n/a", Datetime: new DateTimeOffset(2022, 1, 25, 0, 0, 0, TimeSpan.Zero)), "pc-baseline>=04.00-assumed-by-date:dn-1000/10000", -0.1 },
        { new(S2CollectionFlavor.PlanetaryComputer, "05.11", AssetScale: 0.0001, AssetOffset: -0.1), "pc-baseline>=04.00:dn-1000/10000", -0.1 },

        // Earth Search sentinel-2-l2a: the applied flag wins over raster:bands' -0.1.
        { new(S2CollectionFlavor.EarthSearchL2A, "05.09", BoaOffsetApplied: true, AssetScale: 0.0001, AssetOffset: -0.1), "earthsearch-boa-offset-applied:dn/10000", 0 },
        { new(S2CollectionFlavor.EarthSearchL2A, "05.09", BoaOffsetApplied: false), "earthsearch-baseline>=04.00:dn-1000/10000", -0.1 },
        { new(S2CollectionFlavor.EarthSearchL2A, "02.12", BoaOffsetApplied: false, AssetOffset: -0.1), "earthsearch-baseline<04.00:dn/10000", 0 },
        { new(S2CollectionFlavor.EarthSearchL2A, null, Datetime: Before), "earthsearch-baseline<04.00-assumed-by-date:dn/10000", 0 },
        { new(S2CollectionFlavor.EarthSearchL2A, null, Datetime: After), "earthsearch-baseline>=04.00-assumed-by-date:dn-1000/10000", -0.1 },

        // Earth Search sentinel-2-c1-l2a: raster:bands as given, else 1e-4 / -0.1 unless the baseline is old.
        { new(S2CollectionFlavor.EarthSearchC1, "05.11", AssetScale: 0.0001, AssetOffset: -0.1), "raster-bands:scale=0.0001,offset=-0.1", -0.1 },
        { new(S2CollectionFlavor.EarthSearchC1, "05.11"), "earthsearch-c1-baseline>=04.00-default:dn-1000/10000", -0.1 },
        { new(S2CollectionFlavor.EarthSearchC1, "02.12"), "earthsearch-c1-baseline<04.00:dn/10000", 0 },
        { new(S2CollectionFlavor.EarthSearchC1, null, Datetime: Before), "earthsearch-c1-baseline-assumed>=05.00:dn-1000/10000", -0.1 },

        // Generic / STAC 1.1: asset scale/offset when a scale is present, else the baseline.
        { new(S2CollectionFlavor.Generic, "02.12", AssetScale: 0.0001, AssetOffset: -0.1), "raster-bands:scale=0.0001,offset=-0.1", -0.1 },
        { new(S2CollectionFlavor.Generic, null, AssetScale: 0.0001), "raster-bands:scale=0.0001,offset=0", 0 },
        { new(S2CollectionFlavor.Generic, "05.00", AssetOffset: -0.1), "stac-baseline>=04.00:dn-1000/10000", -0.1 },
        { new(S2CollectionFlavor.Generic, "02.07"), "stac-baseline<04.00:dn/10000", 0 },
        { new(S2CollectionFlavor.Generic, null, Datetime: Before), "stac-baseline<04.00-assumed-by-date:dn/10000", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_per_flavour_and_baseline(S2RadiometryInput input, string name, double offset)
    {
        var rule = S2RadiometryResolver.Resolve(input);
        Assert.Equal(name, rule.Name);
        Assert.Equal(0.0001, rule.Scale, 15);
        Assert.Equal(offset, rule.Offset, 15);
    }

    [Fact]
    public void Reflectance_of_known_dns()
    {
        var pc = S2RadiometryResolver.Resolve(new(S2CollectionFlavor.PlanetaryComputer, "05.11"));
        Assert.Equal(0.1, pc.Reflectance(2000), 12);
        Assert.Equal(0.0, pc.Reflectance(1000), 12);

        var applied = S2RadiometryResolver.Resolve(new(S2CollectionFlavor.EarthSearchL2A, "05.09", BoaOffsetApplied: true));
        Assert.Equal(0.1, applied.Reflectance(1000), 12);

        var old = S2RadiometryResolver.Resolve(new(S2CollectionFlavor.PlanetaryComputer, "02.12"));
        Assert.Equal(0.2, old.Reflectance(2000), 12);
    }

    [Fact]
    public void Apply_converts_spans_and_masks_nodata()
    {
        var rule = new S2RadiometryRule("test", 0.0001, -0.1);
        ushort[] dn = [0, 1000, 1500, 11000, 65535];
        var r = new float[dn.Length];
        rule.Apply(dn, r);
        Assert.True(float.IsNaN(r[0]));
        Assert.Equal(0f, r[1], 6);
        Assert.Equal(0.05f, r[2], 6);
        Assert.Equal(1.0f, r[3], 6);
        Assert.Equal(6.4535f, r[4], 4);

        rule.Apply(dn, r, nodata: 65535);
        Assert.Equal(-0.1f, r[0], 6);
        Assert.True(float.IsNaN(r[4]));
        Assert.Throws<ArgumentException>(() => rule.Apply(dn, new float[2]));
    }

    [Fact]
    public void Asset_metadata_rule_name_prints_exact_values()
    {
        Assert.Equal("raster-bands:scale=0.0001,offset=-0.1", S2RadiometryRule.FromAssetMetadata(0.0001, -0.1).Name);
        Assert.Equal("raster-bands:scale=2E-05,offset=0", S2RadiometryRule.FromAssetMetadata(2e-5, 0).Name);
    }
}
