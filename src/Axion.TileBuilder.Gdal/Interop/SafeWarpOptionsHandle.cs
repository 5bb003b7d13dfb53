using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>Owns a <c>GDALWarpAppOptions*</c>, freed with <c>GDALWarpAppOptionsFree</c>.</summary>
internal sealed class SafeWarpOptionsHandle : SafeHandle
{
    public SafeWarpOptionsHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.GDALWarpAppOptionsFree(handle);
        return true;
    }
}
