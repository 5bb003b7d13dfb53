using System.Text;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>A small independent parser of <c>multipart/byteranges</c> bodies for the range tests.</summary>
public static class MultipartByteRanges
{
    public sealed record Part(string ContentType, string ContentRange, byte[] Body);

    public static List<Part> Parse(byte[] body, string boundary)
    {
        var parts = new List<Part>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var position = IndexOf(body, delimiter, 0);
        Assert.True(position == 0, "body must start with the boundary");
        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                return parts;
            }

            Assert.True(body.AsSpan(position).StartsWith("\r\n"u8), "boundary line must end with CRLF");
            position += 2;
            var headerEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), position);
            var headers = Encoding.ASCII.GetString(body, position, headerEnd - position)
                .Split("\r\n")
                .Select(h => h.Split(':', 2))
                .ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var dataStart = headerEnd + 4;
            var next = IndexOf(body, Encoding.ASCII.GetBytes("\r\n--" + boundary), dataStart);
            parts.Add(new Part(headers["Content-Type"], headers["Content-Range"], body[dataStart..next]));
            position = next + 2;
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        var index = haystack.AsSpan(start).IndexOf(needle);
        Assert.True(index >= 0, "multipart delimiter not found");
        return start + index;
    }
}
