using System.Globalization;
using Axion.TileBuilder.Gdal.Interop;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// A coordinate transformation between two CRSs (<c>OGRCoordinateTransformationH</c>), in traditional
/// GIS order: x = longitude/easting, y = latitude/northing. Not thread-safe: one per thread.
/// </summary>
public sealed class CoordinateTransform : IDisposable
{
    private readonly SafeCoordinateTransformHandle _handle;

    private CoordinateTransform(SafeCoordinateTransformHandle handle, string description)
    {
        _handle = handle;
        Description = description;
    }

    /// <summary>e.g. <c>EPSG:4326 -&gt; EPSG:32633</c>.</summary>
    public string Description { get; }

    /// <summary>Builds a transformation; the CRSs are copied, so they may be disposed afterwards.</summary>
    /// <exception cref="GdalException">PROJ finds no transformation.</exception>
    public static CoordinateTransform Create(SpatialReference source, SpatialReference target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        GdalRuntime.Initialize();
        var description = $"{source.Description} -> {target.Description}";
        Native.CPLErrorReset();
        var handle = Native.OCTNewCoordinateTransformation(source.Handle, target.Handle);
        if (handle.IsInvalid)
        {
            var error = GdalException.FromLastError($"Cannot transform {description}");
            handle.Dispose();
            throw error;
        }

        return new CoordinateTransform(handle, description);
    }

    /// <summary>Builds a transformation between two EPSG codes (e.g. 4326 to 32633).</summary>
    /// <exception cref="GdalException">Unknown code or no transformation.</exception>
    public static CoordinateTransform Create(int sourceEpsg, int targetEpsg)
    {
        using var source = SpatialReference.FromEpsg(sourceEpsg);
        using var target = SpatialReference.FromEpsg(targetEpsg);
        return Create(source, target);
    }

    /// <summary>Transforms one point.</summary>
    /// <exception cref="GdalException">The point cannot be transformed.</exception>
    public unsafe (double X, double Y) Transform(double x, double y)
    {
        Native.CPLErrorReset();
        if (Native.OCTTransform(_handle, 1, &x, &y, null) == 0)
        {
            throw GdalException.FromLastError(
                string.Create(CultureInfo.InvariantCulture, $"Cannot transform ({x}, {y}) {Description}"));
        }

        return (x, y);
    }

    /// <summary>Transforms points in place (equal lengths).</summary>
    /// <exception cref="GdalException">Any point cannot be transformed.</exception>
    public unsafe void Transform(Span<double> xs, Span<double> ys)
    {
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"xs has {xs.Length} values but ys has {ys.Length}.", nameof(ys));
        }

        if (xs.IsEmpty)
        {
            return;
        }

        Native.CPLErrorReset();
        int ok;
        fixed (double* px = xs)
        fixed (double* py = ys)
        {
            ok = Native.OCTTransform(_handle, xs.Length, px, py, null);
        }

        if (ok == 0)
        {
            throw GdalException.FromLastError(
                string.Create(CultureInfo.InvariantCulture, $"Cannot transform {xs.Length} point(s) {Description}"));
        }
    }

    /// <summary>Frees the native object. Safe to call twice.</summary>
    public void Dispose() => _handle.Dispose();

    /// <inheritdoc/>
    public override string ToString() => Description;
}
