using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary>
/// The expected DN of a resampled band at a ground point, computed from the ground truth of the source pixels
/// (<see cref="SceneTruth.S2Dn"/>) with GDAL's pixel-is-area geometry: source pixel <c>i</c> covers <c>[i, i + 1)</c> in
/// pixel coordinates and its value sits at <c>i + 0.5</c>. Source DN are cached per pixel (neighbouring 10 m pixels share them).
/// </summary>
internal sealed class ResampledTruth(SyntheticScene scene, S2Band band)
{
    private readonly Dictionary<(int, int), ushort> _dn = [];
    private readonly int _resolution = S2Bands.ResolutionM(band);

    /// <summary>The source pixel coordinate (column, row; fractional) of the point (<paramref name="x"/>, <paramref name="y"/>) in the scene's CRS.</summary>
    public (double U, double V) SourceCoordinate(double x, double y) => ((x - scene.OriginX) / _resolution, (scene.OriginY - y) / _resolution);

    /// <summary>The DN of source pixel (<paramref name="col"/>, <paramref name="row"/>).</summary>
    public ushort Dn(int col, int row)
    {
        if (!_dn.TryGetValue((col, row), out var dn))
        {
            dn = SceneTruth.S2Dn(scene, band, col, row);
            _dn[(col, row)] = dn;
        }

        return dn;
    }

    /// <summary>Nearest: the DN of the source pixel containing the point.</summary>
    public ushort Nearest(double x, double y)
    {
        var (u, v) = SourceCoordinate(x, y);
        return Dn((int)Math.Floor(u), (int)Math.Floor(v));
    }

    /// <summary>
    /// Bilinear: the 2 x 2 source pixels whose centres surround the point, weighted by distance. With
    /// <paramref name="centresAtCorners"/> the wrong convention (values at pixel corners, no half-pixel shift) is used, for
    /// the tests' own check that the comparison can tell them apart.
    /// </summary>
    public double Bilinear(double x, double y, bool centresAtCorners = false)
    {
        var (u, v) = SourceCoordinate(x, y);
        var shift = centresAtCorners ? 0 : 0.5;
        var c0 = (int)Math.Floor(u - shift);
        var r0 = (int)Math.Floor(v - shift);
        var fx = u - shift - c0;
        var fy = v - shift - r0;
        return ((1 - fx) * (1 - fy) * Dn(c0, r0)) + (fx * (1 - fy) * Dn(c0 + 1, r0))
            + ((1 - fx) * fy * Dn(c0, r0 + 1)) + (fx * fy * Dn(c0 + 1, r0 + 1));
    }
}
