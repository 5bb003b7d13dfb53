using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>The C struct <c>GDAL_GCP</c> (gdal.h): id and info strings (owned by GDAL), then five doubles.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GdalGcpNative
{
    public nint Id;
    public nint Info;
    public double Pixel;
    public double Line;
    public double X;
    public double Y;
    public double Z;
}
