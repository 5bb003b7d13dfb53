namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// A plane wave through the earth-centred frame: sin(k · P + phase). On the ground its wavelength is at least
/// <c>wavelength</c> (the tangent part of k is at most |k|), so it never aliases below the design wavelength.
/// </summary>
internal readonly struct Wave
{
    private readonly double _kx;
    private readonly double _ky;
    private readonly double _kz;
    private readonly double _phase;

    private Wave(double kx, double ky, double kz, double phase)
    {
        _kx = kx;
        _ky = ky;
        _kz = kz;
        _phase = phase;
    }

    /// <summary>A wave along direction number <paramref name="index"/> of a golden-spiral set of <paramref name="count"/> unit vectors.</summary>
    public static Wave Spiral(int index, int count, double wavelengthM, double phase)
    {
        var z = 1 - (2 * (index + 0.5) / count);
        var r = Math.Sqrt(1 - (z * z));
        var phi = index * 2.399963229728653;
        var k = 2 * Math.PI / wavelengthM;
        return new Wave(k * r * Math.Cos(phi), k * r * Math.Sin(phi), k * z, phase);
    }

    public double Sin(double x, double y, double z) => Math.Sin((_kx * x) + (_ky * y) + (_kz * z) + _phase);

    /// <summary>The projection k · P / (2 pi) in cycles (for cell indices).</summary>
    public double Cycles(double x, double y, double z) => ((_kx * x) + (_ky * y) + (_kz * z)) / (2 * Math.PI);
}
