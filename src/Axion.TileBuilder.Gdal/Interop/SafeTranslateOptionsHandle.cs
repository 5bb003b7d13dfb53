using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>Owns a <c>GDALTranslateOptions*</c>, freed with <c>GDALTranslateOptionsFree</c>.</summary>
internal sealed class SafeTranslateOptionsHandle : SafeHandle
{
    public SafeTranslateOptionsHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        Native.GDALTranslateOptionsFree(handle);
        return true;
    }
}
