using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Axion.TileBuilder.Gdal.Interop;

namespace Axion.TileBuilder.Gdal.Metering;

/// <summary>
/// A GDAL virtual file system (<c>/vsiaxion/</c>, a VSI plugin) that wraps another one, usually <c>/vsicurl/</c>, and
/// charges every read to the <see cref="ReadMeter"/> of the read that opened the file. <see cref="Open"/> registers a
/// meter and returns the path to give GDAL (<c>/vsiaxion/&lt;id&gt;/&lt;inner path&gt;</c>); every handle GDAL opens on
/// that path forwards <c>read</c> and <c>read_multi_range</c> to <c>VSIFReadL</c> / <c>VSIFReadMultiRangeL</c> of the
/// inner file after charging the meter, so the inner file system's parallel range requests and cache are kept. A
/// request past the meter's budget is refused before it is forwarded. The file's first bytes are fetched at the open, at
/// the same time as <c>/vsicurl/</c>'s HEAD request (<see cref="HeaderPrefetch"/>), and the reads inside them are served
/// from memory: an open costs one round trip, not two. Callbacks never throw into GDAL.
/// </summary>
public static unsafe class MeteredFileSystem
{
    /// <summary>The prefix of metered paths.</summary>
    public const string Prefix = "/vsiaxion/";

    private const int SeekSet = 0;
    private const int SeekEnd = 2;
    private static readonly ConcurrentDictionary<long, ReadMeter> Meters = new();
    private static readonly Lazy<bool> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);
    private static long _nextId;

    /// <summary>Registers <paramref name="meter"/> for reads of <paramref name="innerPath"/>; dispose the lease after the dataset is closed.</summary>
    public static MeteredPath Open(ReadMeter meter, string innerPath)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentException.ThrowIfNullOrEmpty(innerPath);
        GdalRuntime.Initialize();
        _ = Installed.Value;
        var id = Interlocked.Increment(ref _nextId);
        Meters[id] = meter;
        return new MeteredPath(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id}{innerPath}"), () => Meters.TryRemove(id, out _));
    }

    private static bool Install()
    {
        var callbacks = (Callbacks*)Native.VSIAllocFilesystemPluginCallbacksStruct();
        if (callbacks == null)
        {
            throw new GdalException($"GDAL could not allocate the callbacks of the {Prefix} file system");
        }

        // Never freed: GDAL 3.6 keeps the pointer, not a copy.
        callbacks->Stat = &Stat;
        callbacks->Open = &OpenFile;
        callbacks->Tell = &Tell;
        callbacks->Seek = &Seek;
        callbacks->Read = &Read;
        callbacks->ReadMultiRange = &ReadMultiRange;
        callbacks->Eof = &Eof;
        callbacks->Close = &Close;
        // Never freed either: GDAL keeps the prefix pointer to match paths against it.
        var prefix = Marshal.StringToCoTaskMemUTF8(Prefix);
        if (Native.VSIInstallPluginHandler(prefix, (nint)callbacks) != 0)
        {
            throw new GdalException($"GDAL refused to install the {Prefix} file system");
        }

        return true;
    }

    /// <summary>Splits <c>&lt;id&gt;/&lt;inner path&gt;</c> (GDAL 3.6 passes the whole path, later versions the path after the prefix).</summary>
    private static (ReadMeter? Meter, string Inner) Resolve(nint name)
    {
        var text = Utf8.FromConstPointer(name) ?? string.Empty;
        if (text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            text = text[Prefix.Length..];
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !long.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return (null, string.Empty);
        }

        return (Meters.TryGetValue(id, out var meter) ? meter : null, text[slash..]);
    }

    private static FileState? State(nint file) => file == 0 ? null : GCHandle.FromIntPtr(file).Target as FileState;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Stat(nint userData, nint name, void* statBuffer, int flags)
    {
        try
        {
            var (meter, inner) = Resolve(name);
            var r = meter is null ? -1 : Native.VSIStatExL(inner, statBuffer, flags);
            return r;
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
            return -1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nint OpenFile(nint userData, nint name, nint access)
    {
        try
        {
            var mode = Utf8.FromConstPointer(access) ?? "rb";
            var (meter, inner) = Resolve(name);
            if (meter is null || mode.AsSpan().IndexOfAny("wa+") >= 0)
            {
                return 0;
            }

            // The header's range request goes out now, at the same time as the HEAD request of /vsicurl/'s open.
            var header = HeaderPrefetch.Start(inner);
            Native.VSIErrorReset();
            var file = Native.VSIFOpenExL(inner, "rb", 1);

            // Awaited whatever the open gave (it never throws), so no request of this open outlives it.
            var headerBytes = header?.GetAwaiter().GetResult();
            if (file == 0)
            {
                // GDAL's open then reports only that the file does not exist: keep the inner reason (e.g. an HTTP status).
                var reason = Utf8.FromConstPointer(Native.VSIGetLastErrorMsg());
                var message = $"cannot open {inner}: {(string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim())}";
                meter.OpenFailure = new GdalException(GdalException.Classify(message), GdalErrorClass.Failure, Native.VSIGetLastErrorNo(), message);
                return 0;
            }

            // Charged per file without the query string: a signature renewed between reads is still the same file.
            var query = inner.IndexOf('?', StringComparison.Ordinal);
            var key = query < 0 ? inner : inner[..query];
            // The file's size (known to /vsicurl/ from the HEAD of the open): bytes asked for past the end are not charged.
            long size = -1;
            if (Native.VSIFSeekL(file, 0, SeekEnd) == 0)
            {
                size = (long)Native.VSIFTellL(file);
            }

            if (Native.VSIFSeekL(file, 0, SeekSet) != 0)
            {
                _ = Native.VSIFCloseL(file);
                return 0;
            }

            meter.ChargeOpen(key);
            return GCHandle.ToIntPtr(GCHandle.Alloc(new FileState(file, meter, key, size, headerBytes)));
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
            return 0;
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> on the inner <c>/vsicurl/</c> handle of <paramref name="file"/> for the callbacks that
    /// only pass through; <paramref name="onError"/> when the handle is unknown or the call throws (nothing may escape
    /// into native code).
    /// </summary>
    private static T OnInner<T>(nint file, Func<nint, T> call, T onError)
    {
        try
        {
            return State(file) is { } s ? call(s.Inner) : onError;
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
            return onError;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static ulong Tell(nint file) => OnInner(file, static inner => Native.VSIFTellL(inner), 0UL);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Seek(nint file, ulong offset, int whence) => OnInner(file, inner => Native.VSIFSeekL(inner, offset, whence), -1);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint Read(nint file, void* buffer, nuint size, nuint count)
    {
        try
        {
            if (State(file) is not { } s)
            {
                return 0;
            }

            var length = (long)(size * count);
            var offset = (long)Native.VSIFTellL(s.Inner);
            if (length > 0)
            {
                ReadOnlySpan<(long, long)> range = [s.Clamp(offset, length)];
                if (!s.Meter.TryCharge(s.Path, range))
                {
                    return 0;
                }
            }

            var served = s.Served(offset, length);
            if (!served.IsEmpty)
            {
                served.CopyTo(new Span<byte>(buffer, served.Length));
                _ = Native.VSIFSeekL(s.Inner, (ulong)(offset + served.Length), SeekSet);
                return (nuint)served.Length / size;
            }

            return Native.VSIFReadL(buffer, size, count, s.Inner);
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ReadMultiRange(nint file, int ranges, void** data, ulong* offsets, nuint* sizes)
    {
        try
        {
            if (State(file) is not { } s || ranges < 0)
            {
                return -1;
            }

            var asked = new (long, long)[ranges];
            for (var i = 0; i < ranges; i++)
            {
                asked[i] = s.Clamp((long)offsets[i], (long)sizes[i]);
            }

            if (!s.Meter.TryCharge(s.Path, asked))
            {
                return -1;
            }

            if (s.ServesAll(asked))
            {
                for (var i = 0; i < ranges; i++)
                {
                    s.Served(asked[i].Item1, asked[i].Item2).CopyTo(new Span<byte>(data[i], (int)asked[i].Item2));
                }

                return 0;
            }

            return Native.VSIFReadMultiRangeL(ranges, data, offsets, sizes, s.Inner);
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
            return -1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Eof(nint file) => OnInner(file, static inner => Native.VSIFEofL(inner), 1);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(nint file)
    {
        try
        {
            if (file == 0)
            {
                return -1;
            }

            var handle = GCHandle.FromIntPtr(file);
            var state = handle.Target as FileState;
            handle.Free();
            return state is null ? -1 : Native.VSIFCloseL(state.Inner);
        }
#pragma warning disable CA1031 // Nothing may escape into native code.
        catch (Exception)
#pragma warning restore CA1031
        {
            return -1;
        }
    }

    /// <summary>
    /// One open handle: the inner file, the meter of the read that opened it, the inner path without its query string, the
    /// file size (-1: unknown) and the file's first bytes fetched at the open (<see cref="HeaderPrefetch"/>; null: none).
    /// </summary>
    private sealed record FileState(nint Inner, ReadMeter Meter, string Path, long Size, byte[]? Header)
    {
        /// <summary>The part of a range inside the file (reads past the end return nothing and cost nothing).</summary>
        public (long Offset, long Length) Clamp(long offset, long length) =>
            Size < 0 ? (offset, length) : (offset, Math.Max(0, Math.Min(offset + length, Size) - offset));

        /// <summary>
        /// The bytes of a read the prefetched header holds: all of the range, or up to the end of a file the header holds
        /// whole; empty when the read has to go to the inner file.
        /// </summary>
        public ReadOnlySpan<byte> Served(long offset, long length)
        {
            if (Header is null || offset < 0 || length <= 0)
            {
                return [];
            }

            var wholeFile = Size >= 0 && Header.Length >= Size;
            var end = Math.Min(offset + length, wholeFile ? Header.Length : long.MaxValue);
            return end <= Header.Length && offset < end ? Header.AsSpan((int)offset, (int)(end - offset)) : [];
        }

        /// <summary>True when the header holds every range whole.</summary>
        public bool ServesAll(ReadOnlySpan<(long Offset, long Length)> ranges)
        {
            foreach (var (offset, length) in ranges)
            {
                if (Header is null || offset < 0 || offset + length > Header.Length)
                {
                    return false;
                }
            }

            return Header is not null;
        }
    }

    /// <summary>
    /// The leading fields of GDAL's <c>VSIFilesystemPluginCallbacksStruct</c> (cpl_vsi.h, unchanged since 3.0; later
    /// versions only append fields, which stay zero as allocated by GDAL).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Callbacks
    {
        public nint UserData;
        public delegate* unmanaged[Cdecl]<nint, nint, void*, int, int> Stat;
        public nint Unlink;
        public nint Rename;
        public nint Mkdir;
        public nint Rmdir;
        public nint ReadDir;
        public delegate* unmanaged[Cdecl]<nint, nint, nint, nint> Open;
        public delegate* unmanaged[Cdecl]<nint, ulong> Tell;
        public delegate* unmanaged[Cdecl]<nint, ulong, int, int> Seek;
        public delegate* unmanaged[Cdecl]<nint, void*, nuint, nuint, nuint> Read;
        public delegate* unmanaged[Cdecl]<nint, int, void**, ulong*, nuint*, int> ReadMultiRange;
        public nint GetRangeStatus;
        public delegate* unmanaged[Cdecl]<nint, int> Eof;
        public nint Write;
        public nint Flush;
        public nint Truncate;
        public delegate* unmanaged[Cdecl]<nint, int> Close;
        public nuint BufferSize;
        public nuint CacheSize;
        public nint SiblingFiles;
    }
}
