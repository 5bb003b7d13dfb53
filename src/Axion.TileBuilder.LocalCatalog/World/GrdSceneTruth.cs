using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The exact DN of every pixel of a synthetic Sentinel-1 GRD file. The GRD shows the same ground backscatter as the
/// RTC files (<see cref="GroundTruth.S1Backscatter"/>; the synthetic world is flat, so sigma0 and gamma0 coincide), as
/// amplitude: <c>DN = round(A * sqrt(linear))</c> with A = <see cref="GrdCalibration.DefaultConstant"/>, clamped to
/// 1..65535 (0 is nodata), which the documented calibration <c>sigma0 = DN^2 / A^2</c> inverts.
/// </summary>
public static class GrdSceneTruth
{
    /// <summary>The GRD DN of the ground backscatter at a point.</summary>
    public static ushort DnAt(S1Polarization polarization, double longitude, double latitude) =>
        Dn(GroundTruth.S1Linear(polarization, longitude, latitude));

    /// <summary>Expected DN of pixel (col, row) of a GRD scene: 0 in the nodata borders, else <see cref="DnAt"/> at the pixel centre.</summary>
    public static ushort Dn(SyntheticScene scene, S1Polarization polarization, int col, int row)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var geometry = scene.Grd ?? throw new ArgumentException($"Scene '{scene.Id}' is not a Sentinel-1 GRD scene.", nameof(scene));
        if (!geometry.IsValidColumn(col))
        {
            return 0;
        }

        var (lon, lat) = geometry.ToLonLat(col + 0.5, row + 0.5);
        return DnAt(polarization, lon, lat);
    }

    internal static ushort Dn(double linear) =>
        (ushort)Math.Clamp(Math.Round(GrdCalibration.LinearToDn(linear, GrdCalibration.DefaultConstant), MidpointRounding.AwayFromZero), 1, 65535);
}
