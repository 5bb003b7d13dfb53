using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>
/// Borrows the raw pointer of a SafeHandle for the duration of a native call (DangerousAddRef /
/// DangerousRelease), so the handle cannot be released mid-call. A null handle lends the null pointer;
/// a closed handle throws <see cref="ObjectDisposedException"/>.
/// </summary>
internal ref struct HandleLease
{
    private SafeHandle? _handle;

    public HandleLease(SafeHandle? handle)
    {
        if (handle is null)
        {
            Pointer = 0;
            return;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        _handle = added ? handle : null;
        Pointer = handle.DangerousGetHandle();
    }

    /// <summary>The borrowed pointer (0 for a null or empty handle).</summary>
    public nint Pointer { get; }

    public void Dispose()
    {
        _handle?.DangerousRelease();
        _handle = null;
    }
}
