namespace Axion.TileBuilder.Geo;

/// <summary>
/// A WGS 84 bounding box in STAC order (west, south, east, north), degrees. When the box crosses
/// the antimeridian, <see cref="West"/> is greater than <see cref="East"/> (the STAC convention).
/// </summary>
public readonly record struct GeoBounds(double West, double South, double East, double North)
{
    private const double Epsilon = 1e-9;

    /// <summary>True when the box crosses the antimeridian (west &gt; east).</summary>
    public bool CrossesAntimeridian => West > East;

    /// <summary>Longitude extent in degrees (0..360), measured eastwards from <see cref="West"/>.</summary>
    public double WidthDegrees => LongitudeSpan(West, East);

    /// <summary>A box from a STAC <c>bbox</c> array: 4 numbers (2D) or 6 numbers (3D, heights dropped).</summary>
    public static GeoBounds FromArray(IReadOnlyList<double> bbox)
    {
        ArgumentNullException.ThrowIfNull(bbox);
        return bbox.Count switch
        {
            4 => new GeoBounds(bbox[0], bbox[1], bbox[2], bbox[3]),
            6 => new GeoBounds(bbox[0], bbox[1], bbox[3], bbox[4]),
            _ => throw new ArgumentException($"A bbox has 4 or 6 numbers, got {bbox.Count}.", nameof(bbox)),
        };
    }

    /// <summary>The box as a STAC <c>bbox</c> array <c>[west, south, east, north]</c>.</summary>
    public double[] ToArray() => [West, South, East, North];

    /// <summary>True when the point lies inside or on the edge of the box.</summary>
    public bool Contains(GeoPoint point)
    {
        if (point.Latitude < South - Epsilon || point.Latitude > North + Epsilon)
        {
            return false;
        }

        var width = WidthDegrees;
        return width >= 360 - Epsilon || LongitudeSpan(West, point.Longitude) <= width + Epsilon
            || LongitudeSpan(point.Longitude, West) <= Epsilon;
    }

    /// <summary>True when <paramref name="inner"/> lies entirely inside this box (edges included).</summary>
    public bool Contains(GeoBounds inner)
    {
        if (inner.South < South - Epsilon || inner.North > North + Epsilon)
        {
            return false;
        }

        var width = WidthDegrees;
        if (width >= 360 - Epsilon)
        {
            return true;
        }

        var start = LongitudeSpan(West, inner.West);
        if (start > 360 - Epsilon)
        {
            start = 0;
        }

        return start + inner.WidthDegrees <= width + Epsilon;
    }

    public override string ToString() =>
        FormattableString.Invariant($"[{West}, {South}, {East}, {North}]");

    /// <summary>Degrees from <paramref name="from"/> eastwards to <paramref name="to"/>, 0..360.</summary>
    private static double LongitudeSpan(double from, double to)
    {
        if (from <= -180 && to >= 180)
        {
            return 360;
        }

        var d = to - from;
        if (d < 0)
        {
            d += 360;
        }

        return d;
    }
}
