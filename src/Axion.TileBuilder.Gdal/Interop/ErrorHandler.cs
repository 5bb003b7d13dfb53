using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Axion.TileBuilder.Gdal.Interop;

/// <summary>
/// The process-wide GDAL error handler. GDAL calls it on whatever thread raised the error (its own
/// worker threads included). It forwards to <see cref="GdalRuntime.MessageLogged"/> and never throws:
/// an exception must not unwind through native frames. GDAL still records the last error per thread.
/// </summary>
internal static unsafe class ErrorHandler
{
    public static void Install() => Native.CPLSetErrorHandler(&OnError);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(int errorClass, int errorNumber, nint message)
    {
        try
        {
            var text = Utf8.FromConstPointer(message) ?? string.Empty;
            var cls = Enum.IsDefined((GdalErrorClass)errorClass) ? (GdalErrorClass)errorClass : GdalErrorClass.Failure;
            FailureCapture.Record(cls, text);
            GdalRuntime.RaiseMessage(new GdalMessage(cls, errorNumber, text));
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Swallowed on purpose: the caller learns about the failure from CPLGetLastErrorMsg.
        }
    }
}
