using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>JSON form of plans: snake_case names, enums as lower-case strings, nulls omitted.</summary>
public static class RowPlanJson
{
    /// <summary>The serialiser options used for plans.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The plan as a JSON string.</summary>
    public static string Serialize(RowPlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>Writes the plan as a JSON object to <paramref name="writer"/> (for documents written incrementally).</summary>
    public static void Write(Utf8JsonWriter writer, RowPlan plan) => JsonSerializer.Serialize(writer, plan, Options);

    /// <summary>The plan as a JSON node (for embedding in larger documents).</summary>
    public static JsonNode ToNode(RowPlan plan) => JsonSerializer.SerializeToNode(plan, Options)!;
}
