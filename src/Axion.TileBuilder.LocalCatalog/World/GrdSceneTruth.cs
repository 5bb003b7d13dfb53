using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The exact DN of every pixel of a synthetic Sentinel-1 GRD file. The GRD shows the same ground backscatter as the
/// RTC files (<see cref="GroundTruth.S1Backscatter(S1Polarization, double, double)"/>; the synthetic world is flat, so sigma0 and gamma0 coincide), as
/// amplitude: <c>DN = round(A * sqrt(linear))</c> with A = <see cref="GrdCalibration.DefaultConstant"/>, clamped to
/// 1..65535 (0 is nodata), which the documented calibration <c>sigma0 = DN^2 / A^2</c> inverts. A scene of a seasonal layout
/// adds its <see cref="SyntheticScene.SeasonalS1OffsetDb"/> to the backscatter, as its RTC twin does.
/// </summary>
public static class GrdSceneTruth
{
    /// <summary>The GRD DN of the ground backscatter at a point.</summary>
    public static ushort DnAt(S1Polarization polarization, double longitude, double latitude) =>
        DnAt(polarization, longitude, latitude, null);

    /// <summary>The GRD DN at a point of a scene with <paramref name="seasonalOffsetDb"/> (<see cref="SyntheticScene.SeasonalS1OffsetDb"/>; null: none).</summary>
    public static ushort DnAt(S1Polarization polarization, double longitude, double latitude, double? seasonalOffsetDb) =>
        Dn(GroundTruth.S1Linear(polarization, longitude, latitude, seasonalOffsetDb));

    /// <summary>Expected DN of pixel (col, row) of a GRD scene: 0 in the nodata borders, else <see cref="DnAt(S1Polarization, double, double, double?)"/> at the pixel centre.</summary>
    public static ushort Dn(SyntheticScene scene, S1Polarization polarization, int col, int row)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var geometry = scene.Grd ?? throw new ArgumentException($"Scene '{scene.Id}' is not a Sentinel-1 GRD scene.", nameof(scene));
        if (!geometry.IsValidColumn(col))
        {
            return 0;
        }

        var (lon, lat) = geometry.ToLonLat(col + 0.5, row + 0.5);
        return DnAt(polarization, lon, lat, scene.SeasonalS1OffsetDb);
    }

    internal static ushort Dn(double linear) =>
        (ushort)Math.Clamp(Math.Round(GrdCalibration.LinearToDn(linear, GrdCalibration.DefaultConstant), MidpointRounding.AwayFromZero), 1, 65535);
}
