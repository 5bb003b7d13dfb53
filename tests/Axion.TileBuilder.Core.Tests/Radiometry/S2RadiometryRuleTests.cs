using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.Core.Tests.Radiometry;

public sealed class S2RadiometryRuleTests
{
    private static readonly S2RadiometryRule Offset = new("pc-baseline>=04.00:dn-1000/10000", S2RadiometryRule.QuantificationScale, S2RadiometryRule.BoaOffset);

    [Fact]
    public void Resampled_float_dn_take_the_same_rule_as_integer_dn()
    {
        ushort[] integers = [1000, 1234, 4321, 0];
        float[] floats = [1000f, 1234f, 4321f, 0f];
        var fromIntegers = new float[4];
        var fromFloats = new float[4];

        Offset.Apply(integers, fromIntegers);
        Offset.Apply(floats, fromFloats);

        Assert.Equal(fromIntegers, fromFloats);
        Assert.True(float.IsNaN(fromFloats[3]));
    }

    [Fact]
    public void Fractional_dn_keep_their_fraction_and_nan_stays_nan()
    {
        float[] dn = [1234.75f, float.NaN];
        var reflectance = new float[2];

        Offset.Apply(dn, reflectance);

        Assert.Equal((float)((1234.75 * 1e-4) - 0.1), reflectance[0]);
        Assert.True(float.IsNaN(reflectance[1]));
    }
}
