using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Axion.TileBuilder.LocalCatalog.Server.Http;

/// <summary>Writes JSON (and other small) bodies with an exact Content-Length.</summary>
internal static class JsonResponder
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static Task WriteAsync(HttpContext context, int status, string contentType, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return WriteBytesAsync(context, status, contentType, buffer.WrittenMemory);
    }

    public static Task WriteAsync(HttpContext context, int status, string contentType, JsonNode node) =>
        WriteAsync(context, status, contentType, w => node.WriteTo(w));

    public static Task WriteTextAsync(HttpContext context, int status, string contentType, string text) =>
        WriteBytesAsync(context, status, contentType, Encoding.UTF8.GetBytes(text));

    public static async Task WriteBytesAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Reads the whole request body (bounded to 4 MiB).</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        const int MaxBody = 4 << 20;
        using var memory = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > MaxBody)
            {
                throw new Stac.StacRequestException($"Request body larger than {MaxBody} bytes.", StatusCodes.Status413PayloadTooLarge);
            }
        }

        return memory.ToArray();
    }
}
