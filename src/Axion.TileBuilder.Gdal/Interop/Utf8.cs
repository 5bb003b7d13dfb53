using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>Reading strings GDAL returns: borrowed <c>const char*</c>, owned <c>char*</c>, and <c>char**</c> lists.</summary>
internal static class Utf8
{
    /// <summary>Copies a borrowed <c>const char*</c> (GDAL keeps ownership); null for the null pointer.</summary>
    public static string? FromConstPointer(nint pointer) => pointer == 0 ? null : Marshal.PtrToStringUTF8(pointer);

    /// <summary>Copies a string GDAL allocated for us, then frees it with <c>VSIFree</c>.</summary>
    public static string? FromOwnedPointer(nint pointer)
    {
        if (pointer == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            Native.VSIFree(pointer);
        }
    }

    /// <summary>Copies a borrowed NULL-terminated <c>char**</c> list (GDAL keeps ownership).</summary>
    public static unsafe List<string> FromList(nint list)
    {
        var result = new List<string>();
        if (list == 0)
        {
            return result;
        }

        for (var item = (nint*)list; *item != 0; item++)
        {
            result.Add(Marshal.PtrToStringUTF8(*item) ?? string.Empty);
        }

        return result;
    }
}
