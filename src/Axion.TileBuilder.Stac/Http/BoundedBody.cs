using System.Buffers;

namespace Axion.TileBuilder.Stac.Http;

/// <summary>
/// Reads a response body into memory up to a cap, and no further: a declared <c>Content-Length</c> above the cap is
/// refused before a byte is read, and an undeclared body is read in 16 KiB chunks until it passes the cap.
/// </summary>
internal static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The whole body, at most <paramref name="cap"/> bytes.</summary>
    /// <exception cref="ResponseTooLargeException">The body is larger than <paramref name="cap"/>.</exception>
    public static async Task<byte[]> ReadAsync(HttpContent content, long cap, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > cap)
        {
            throw new ResponseTooLargeException($"declared Content-Length {declared} bytes is larger than the cap of {cap} bytes") { Cap = cap, DeclaredLength = declared };
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, cap, discardPastCap: false, cancellationToken);
        }
    }

    /// <summary>At most the first <paramref name="maxBytes"/> bytes of a body (for error excerpts); the rest is not read.</summary>
    public static async Task<byte[]> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, maxBytes, discardPastCap: true, cancellationToken);
        }
    }

    private static async Task<byte[]> ReadAsync(Stream stream, long cap, bool discardPastCap, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (true)
            {
                // One byte past the cap tells a body that is too large from one that is exactly the cap.
                var wanted = (int)Math.Min(ChunkBytes, cap + (discardPastCap ? 0 : 1) - buffer.Length);
                if (wanted == 0)
                {
                    return buffer.ToArray();
                }

                var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > cap)
                {
                    throw new ResponseTooLargeException($"body is larger than the cap of {cap} bytes") { Cap = cap };
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
