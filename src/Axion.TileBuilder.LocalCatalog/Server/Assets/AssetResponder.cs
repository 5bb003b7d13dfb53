using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>
/// Serves one asset file with HTTP range support: 200 full, 206 single range with Content-Range,
/// 206 <c>multipart/byteranges</c> for several ranges, 416 when unsatisfiable, HEAD, strong ETag,
/// Last-Modified, <c>If-None-Match</c> (304) and <c>If-Range</c>.
/// </summary>
internal static class AssetResponder
{
    private const string ContentType = "image/tiff";
    private const int BufferSize = 64 * 1024;

    public static async Task ServeAsync(HttpContext context, AssetLocation location)
    {
        var info = new FileInfo(location.FilePath);
        if (!info.Exists)
        {
            await AzureErrors.BlobNotFoundAsync(context);
            return;
        }

        var length = info.Length;
        var modified = new DateTimeOffset(info.LastWriteTimeUtc.Ticks - (info.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var etag = ETagFor(length, info.LastWriteTimeUtc);
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        headers.AcceptRanges = "bytes";
        headers.ETag = etag;
        headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);

        if (request.Headers.IfNoneMatch.Count > 0 && Matches(request.Headers.IfNoneMatch.ToString(), etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var rangeHeader = request.Headers.Range.ToString();
        if (request.Headers.IfRange.Count > 0 && !IfRangeHolds(request.Headers.IfRange.ToString(), etag, modified))
        {
            rangeHeader = string.Empty;
        }

        var ranges = RangeRequest.Parse(rangeHeader, length);
        var head = HttpMethods.IsHead(request.Method);
        if (ranges is null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = length;
            if (!head)
            {
                await CopyAsync(context, location.FilePath, new ByteRange(0, length - 1));
            }

            return;
        }

        if (ranges.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            headers.ContentRange = FormattableString.Invariant($"bytes */{length}");
            response.ContentLength = 0;
            return;
        }

        if (ranges.Ranges.Count == 1)
        {
            var range = ranges.Ranges[0];
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.ContentType = ContentType;
            headers.ContentRange = range.ContentRange(length);
            response.ContentLength = range.Length;
            if (!head)
            {
                await CopyAsync(context, location.FilePath, range);
            }

            return;
        }

        var boundary = "axion" + Guid.NewGuid().ToString("N");
        var parts = ranges.Ranges.Select(r => (Range: r, Header: Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Type: {ContentType}\r\nContent-Range: {r.ContentRange(length)}\r\n\r\n"))).ToList();
        var closing = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
        var newline = "\r\n"u8.ToArray();
        response.StatusCode = StatusCodes.Status206PartialContent;
        response.ContentType = "multipart/byteranges; boundary=" + boundary;
        response.ContentLength = parts.Sum(p => p.Header.Length + p.Range.Length + newline.Length) + closing.Length;
        if (head)
        {
            return;
        }

        foreach (var (range, header) in parts)
        {
            await response.Body.WriteAsync(header, context.RequestAborted);
            await CopyAsync(context, location.FilePath, range);
            await response.Body.WriteAsync(newline, context.RequestAborted);
        }

        await response.Body.WriteAsync(closing, context.RequestAborted);
    }

    /// <summary>Strong ETag from the file size and modification time.</summary>
    public static string ETagFor(long length, DateTime modifiedUtc) =>
        FormattableString.Invariant($"\"{length:x}-{modifiedUtc.Ticks:x}\"");

    private static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Trim() == "*"
        || ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Any(t => t == etag || t == "W/" + etag);

    private static bool IfRangeHolds(string ifRange, string etag, DateTimeOffset modified)
    {
        var value = ifRange.Trim();
        if (value.StartsWith('"'))
        {
            return value == etag;
        }

        return HeaderUtilities.TryParseDate(value, out var date) && date == modified;
    }

    private static async Task CopyAsync(HttpContext context, string path, ByteRange range)
    {
        if (range.Length <= 0)
        {
            return;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.RandomAccess);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var position = range.First;
            var remaining = range.Length;
            while (remaining > 0)
            {
                var want = (int)Math.Min(buffer.Length, remaining);
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, want), position, context.RequestAborted);
                if (read == 0)
                {
                    throw new IOException($"File '{path}' ended at {position} before the range {range.First}-{range.Last}.");
                }

                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                position += read;
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
