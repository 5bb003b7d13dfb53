using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>
/// What the shards of one batch share, kept in <c>&lt;out&gt;/_journal/batch.json</c> by the first shard that starts
/// (<see cref="ShardedBatchLayout.CheckSiblings"/>): the CSV's SHA-256, the settings identity
/// (<see cref="RunSettings.IdentityJson"/>), the number of shards and the tool version. A shard whose CSV, settings or
/// number of shards differ refuses to run (exit 2).
/// </summary>
public sealed record BatchManifest
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Lower-case hex SHA-256 of the locations CSV's bytes.</summary>
    [JsonPropertyName("csv_sha256")]
    public required string CsvSha256 { get; init; }

    /// <summary>The settings that change the output (<see cref="RunSettings.IdentityJson"/>), as a JSON object.</summary>
    [JsonPropertyName("settings_identity")]
    public required JsonObject SettingsIdentity { get; init; }

    /// <summary>The number of shards of the batch.</summary>
    [JsonPropertyName("shards")]
    public required int Shards { get; init; }

    /// <summary>The axion-tiles version of the shard that wrote the file (a difference is only warned about).</summary>
    [JsonPropertyName("tool_version")]
    public required string ToolVersion { get; init; }

    /// <summary>The manifest of a shard about to run.</summary>
    public static BatchManifest For(string csvSha256, RunSettings settings, int shards, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new BatchManifest
        {
            CsvSha256 = csvSha256,
            SettingsIdentity = JsonNode.Parse(settings.IdentityJson())!.AsObject(),
            Shards = shards,
            ToolVersion = toolVersion,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a manifest; null when <paramref name="json"/> is not one.</summary>
    public static BatchManifest? TryParse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BatchManifest>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// How this shard's manifest differs from <paramref name="stored"/> in what must be equal (CSV, settings, number of
    /// shards), one phrase each; empty when they belong to the same batch.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(BatchManifest stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var differences = new List<string>();
        if (!string.Equals(CsvSha256, stored.CsvSha256, StringComparison.Ordinal))
        {
            differences.Add($"the locations CSV differs (SHA-256 {Short(CsvSha256)} here, {Short(stored.CsvSha256)} in the batch)");
        }

        var settings = SettingsIdentity.Select(p => p.Key).Union(stored.SettingsIdentity.Select(p => p.Key), StringComparer.Ordinal)
            .Where(key => !JsonNode.DeepEquals(SettingsIdentity[key], stored.SettingsIdentity[key]))
            .Select(key => $"{key} {Text(SettingsIdentity[key])} here, {Text(stored.SettingsIdentity[key])} in the batch")
            .ToList();
        if (settings.Count > 0)
        {
            differences.Add("the settings differ (" + string.Join("; ", settings) + ")");
        }

        if (Shards != stored.Shards)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"the number of shards differs ({Shards} here, {stored.Shards} in the batch)"));
        }

        return differences;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "..." : hash;

    private static string Text(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "(absent)";
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
