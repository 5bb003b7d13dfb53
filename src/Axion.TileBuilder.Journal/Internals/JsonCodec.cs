using System.Text;
using System.Text.Json;

namespace Axion.TileBuilder.Journal.Internals;

/// <summary>The small JSON values the journal itself writes: file lists and reason counts.</summary>
internal static class JsonCodec
{
    public static string WriteList(IReadOnlyList<string> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string WriteCounts(IReadOnlyDictionary<string, int> counts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in counts.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(key, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static IReadOnlyList<string> ReadList(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var list = new List<string>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            list.Add(element.GetString() ?? "");
        }

        return list;
    }

    public static IReadOnlyDictionary<string, int> ReadCounts(string? json)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return counts;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            counts[property.Name] = property.Value.GetInt32();
        }

        return counts;
    }
}
