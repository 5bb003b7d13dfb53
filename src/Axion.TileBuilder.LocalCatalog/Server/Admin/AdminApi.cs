using System.Text.Json;
using System.Text.Json.Serialization;
using Axion.TileBuilder.LocalCatalog.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Axion.TileBuilder.LocalCatalog.Server.Admin;

/// <summary>
/// Admin endpoints for other processes (benchmarks): <c>GET /_admin/stats</c>, <c>POST /_admin/reset</c>,
/// <c>GET</c>/<c>PUT /_admin/faults</c> (JSON <see cref="FaultOptions"/>). Never counted, never faulted.
/// </summary>
internal sealed class AdminApi(LocalCatalogServer server)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_admin/stats", c => WriteAsync(c, 200, JsonSerializer.SerializeToUtf8Bytes(server.Stats.Snapshot(), Json)));
        routes.MapPost("/_admin/reset", c =>
        {
            server.ResetStats();
            c.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        routes.MapGet("/_admin/faults", c => WriteAsync(c, 200, JsonSerializer.SerializeToUtf8Bytes(server.Faults, Json)));
        routes.MapPut("/_admin/faults", PutFaultsAsync);
    }

    private async Task PutFaultsAsync(HttpContext context)
    {
        var body = await JsonResponder.ReadBodyAsync(context);
        FaultOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<FaultOptions>(body, Json);
            ArgumentNullException.ThrowIfNull(options, "body");
            server.Faults = options;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            await JsonResponder.WriteAsync(context, StatusCodes.Status400BadRequest, "application/json", w =>
            {
                w.WriteStartObject();
                w.WriteString("code", "BadRequest");
                w.WriteString("description", e.Message);
                w.WriteEndObject();
            });
            return;
        }

        await WriteAsync(context, 200, JsonSerializer.SerializeToUtf8Bytes(server.Faults, Json));
    }

    private static Task WriteAsync(HttpContext context, int status, byte[] json) =>
        JsonResponder.WriteBytesAsync(context, status, "application/json", json);
}
