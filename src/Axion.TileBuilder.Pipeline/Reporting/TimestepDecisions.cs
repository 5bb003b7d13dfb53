using System.Text;
using System.Text.Json;

namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// Reads the timesteps out of a done row's <c>items_json</c> (<c>{"decisions": {"timesteps": [...]}, "tiles": [...]}</c>,
/// written by a batch of several <c>--timesteps</c>), leniently: a field that is missing stays null.
/// </summary>
public static class TimestepDecisions
{
    /// <summary>
    /// Where a row's missing timesteps are in its <c>items_json</c>, as a SQLite JSON path
    /// (<see cref="Journal.BatchJournal.EnumerateOutcomeValues"/>): <c>decisions.timesteps_missing</c>, the timestep, state and
    /// reason of each missing one, a few dozen bytes where <c>decisions.timesteps</c> holds every part's decisions.
    /// </summary>
    public const string MissingJsonPath = "$.decisions.timesteps_missing";

    /// <summary>The timesteps of a JSON array of timesteps (what <see cref="MissingJsonPath"/> extracts); null when absent or not JSON.</summary>
    public static IReadOnlyList<TimestepEntry>? ReadArray(string? timestepsJson)
    {
        if (string.IsNullOrEmpty(timestepsJson))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(timestepsJson);
            return Steps(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The row's timesteps in k order; null when the decisions have none (a batch of one timestep) or are not JSON. Only the
    /// <c>decisions</c> object is parsed: the reading stops there (the row processor writes it before the tile records).
    /// </summary>
    public static IReadOnlyList<TimestepEntry>? Read(string? itemsJson)
    {
        if (string.IsNullOrEmpty(itemsJson))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(itemsJson));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDecisions = reader.ValueTextEquals("decisions"u8);
                reader.Read();
                if (isDecisions)
                {
                    using var decisions = JsonDocument.ParseValue(ref reader);
                    return Read(decisions.RootElement);
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The timesteps of a parsed <c>decisions</c> object; null when it has no <c>timesteps</c> array.</summary>
    internal static IReadOnlyList<TimestepEntry>? Read(JsonElement decisions) =>
        JsonFields.Child(decisions, "timesteps") is { } steps ? Steps(steps) : null;

    /// <summary>The entries of a <c>timesteps</c> array in k order; null when it is not an array.</summary>
    private static IReadOnlyList<TimestepEntry>? Steps(JsonElement steps)
    {
        if (steps.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var entries = new List<TimestepEntry>(steps.GetArrayLength());
        var position = 0;
        foreach (var step in steps.EnumerateArray())
        {
            var s2 = JsonFields.Child(step, "s2");
            var s1 = JsonFields.Child(step, "s1");
            entries.Add(new TimestepEntry
            {
                Index = JsonFields.Int(step, "timestep") ?? position,
                Window = JsonFields.Text(step, "window"),
                State = JsonFields.Text(step, "state"),
                Reason = JsonFields.Text(step, "reason"),
                Message = JsonFields.Text(step, "message"),
                S2Item = JsonFields.Text(s2, "id"),
                S2Datetime = JsonFields.Time(s2, "datetime"),
                S2CloudCover = JsonFields.Number(s2, "cloud_cover"),
                S1Item = JsonFields.Text(s1, "id"),
                S1Datetime = JsonFields.Time(s1, "datetime"),
                TilesWritten = JsonFields.Int(step, "tiles_written") ?? 0,
            });
            position++;
        }

        return [.. entries.OrderBy(e => e.Index)];
    }
}
