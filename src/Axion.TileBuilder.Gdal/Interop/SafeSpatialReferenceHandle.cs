using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>Owns an <c>OGRSpatialReferenceH</c>, freed with <c>OSRDestroySpatialReference</c>.</summary>
internal sealed class SafeSpatialReferenceHandle : SafeHandle
{
    public SafeSpatialReferenceHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.OSRDestroySpatialReference(handle);
        return true;
    }
}
