namespace Axion.TileBuilder.Radiometry;

/// <summary>
/// Sentinel-1 GRD amplitude digital numbers to backscatter. ESA's calibration (Sentinel-1 Product
/// Specification, "Calibration"): <c>sigma0 = DN^2 / A^2</c> with A the <c>sigmaNought</c> value of the
/// product's calibration look-up table (annotation/calibration/calibration-iw-*.xml). axion-tiles does not
/// read that table: it applies one constant A from the profile (<see cref="DefaultConstant"/> unless set), so
/// GRD values are relative, uncalibrated sigma0 unless the constant matches the product. dB = 10 log10(sigma0).
/// </summary>
public static class GrdCalibration
{
    /// <summary>Default calibration constant A (<c>sigma0 = DN^2 / A^2</c>): 1000, the value the synthetic world uses.</summary>
    public const double DefaultConstant = 1000;

    /// <summary>GRD nodata digital number.</summary>
    public const float NoDataDn = 0;

    /// <summary>Linear sigma0 of an amplitude DN: <c>(dn / a)^2</c>; NaN for dn &lt;= 0 (nodata) or NaN.</summary>
    public static float DnToLinear(float dn, double a) => dn > 0 ? (float)((dn / a) * (dn / a)) : float.NaN;

    /// <summary>sigma0 in dB of an amplitude DN: <c>20 log10(dn / a)</c>; NaN for dn &lt;= 0 (nodata) or NaN.</summary>
    public static float DnToDb(float dn, double a) => dn > 0 ? (float)(20 * Math.Log10(dn / a)) : float.NaN;

    /// <summary>The amplitude DN of a linear sigma0 (inverse of <see cref="DnToLinear"/>, before rounding): <c>a * sqrt(sigma0)</c>.</summary>
    public static double LinearToDn(double linear, double a) => a * Math.Sqrt(linear);
}
