namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// One cloud: an ellipse on the ground whose edge wobbles a little, placed relative to the location of its
/// <see cref="CloudModel"/> in local metric ground coordinates (see <see cref="CloudModel.LocalMetres"/>).
/// </summary>
/// <param name="EastM">Centre, metres east of the location.</param>
/// <param name="NorthM">Centre, metres north of the location.</param>
/// <param name="SemiAxisAM">Semi-axis along the rotated east direction, metres.</param>
/// <param name="SemiAxisBM">Semi-axis along the rotated north direction, metres.</param>
/// <param name="RotationDeg">Counter-clockwise rotation of the ellipse, degrees.</param>
/// <param name="Kind">Opaque (SCL 9 core, 8 rim, casts a shadow) or cirrus (SCL 10).</param>
public sealed record CloudBlob(
    double EastM,
    double NorthM,
    double SemiAxisAM,
    double SemiAxisBM,
    double RotationDeg,
    CloudKind Kind)
{
    /// <summary>Normalised radius at which an opaque cloud turns from medium (8) to high (9) probability.</summary>
    public const double CoreRadius = 0.7;

    /// <summary>
    /// Normalised distance of a local point from the centre: at most 1 inside the cloud. The edge wobbles by
    /// up to 10 % with the polar angle so shapes are not perfect ellipses.
    /// </summary>
    public double NormalizedDistance(double eastM, double northM)
    {
        var dx = eastM - EastM;
        var dy = northM - NorthM;
        var reach = Math.Max(SemiAxisAM, SemiAxisBM) * 1.2;
        var far = ((dx * dx) + (dy * dy)) / (reach * reach);
        if (far > 1.69)
        {
            return Math.Sqrt(far); // well outside: any value above 1.3 means "outside"
        }

        var rot = RotationDeg * Math.PI / 180;
        var cos = Math.Cos(rot);
        var sin = Math.Sin(rot);
        var u = ((dx * cos) + (dy * sin)) / SemiAxisAM;
        var v = ((dy * cos) - (dx * sin)) / SemiAxisBM;
        var r = Math.Sqrt((u * u) + (v * v));
        if (r > 1.3)
        {
            return r;
        }

        var theta = Math.Atan2(v, u);
        var wobble = 1 + (0.06 * Math.Sin((3 * theta) + 0.7)) + (0.04 * Math.Sin((5 * theta) + 2.1));
        return r / wobble;
    }
}
