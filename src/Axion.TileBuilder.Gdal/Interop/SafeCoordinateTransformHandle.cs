using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>Owns an <c>OGRCoordinateTransformationH</c>, freed with <c>OCTDestroyCoordinateTransformation</c>.</summary>
internal sealed class SafeCoordinateTransformHandle : SafeHandle
{
    public SafeCoordinateTransformHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.OCTDestroyCoordinateTransformation(handle);
        return true;
    }
}
