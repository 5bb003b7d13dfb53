using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>
/// A GDAL string list (<c>char**</c>, NULL-terminated) built with <c>CSLAddString</c> and freed with
/// <c>CSLDestroy</c>. An empty list is the null pointer, which GDAL accepts everywhere a list is optional.
/// </summary>
internal sealed class SafeCslHandle : SafeHandle
{
    public SafeCslHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Copies <paramref name="items"/> (may be null or empty) into a new GDAL list.</summary>
    public static SafeCslHandle Create(IEnumerable<string>? items)
    {
        GdalRuntime.Initialize();
        var result = new SafeCslHandle();
        if (items is null)
        {
            return result;
        }

        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));

            // CSLAddString may reallocate: the returned pointer replaces the old one at once.
            var list = Native.CSLAddString(result.handle, item);
            result.SetHandle(list);
        }

        return result;
    }

    protected override bool ReleaseHandle()
    {
        Native.CSLDestroy(handle);
        return true;
    }
}
