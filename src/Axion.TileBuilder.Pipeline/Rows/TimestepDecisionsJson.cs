using System.Text.Json.Nodes;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// The timestep parts of a row's decisions in a batch of several <c>--timesteps</c>, as the journal keeps them and
/// <c>Reporting.TimestepDecisions</c> reads them back: <c>decisions.timesteps[k]</c> and <c>decisions.timesteps_missing</c>.
/// </summary>
public static class TimestepDecisionsJson
{
    /// <summary>Fields of a part's own decisions that are the row's, written once at the top of the row's decisions.</summary>
    private static readonly string[] RowFields = ["bytes_read", "requests", "window", "row"];

    /// <summary>
    /// One timestep's entry of <c>decisions.timesteps</c>: its number, window and state first, then the part's own
    /// decisions when it has tiles (<paramref name="decisions"/>, without the row's fields; taken over, not copied), or
    /// the <paramref name="reason"/> and <paramref name="message"/> of a missing part.
    /// </summary>
    public static JsonObject Entry(int timestep, string window, JsonObject? decisions, string? reason = null, string? message = null)
    {
        var entry = new JsonObject
        {
            ["timestep"] = timestep,
            ["window"] = window,
            ["state"] = decisions is null ? TimestepStates.Missing : TimestepStates.Done,
        };
        if (decisions is null)
        {
            entry["reason"] = reason;
            entry["message"] = message;
            return entry;
        }

        foreach (var (key, value) in decisions.ToList())
        {
            decisions.Remove(key);
            if (!RowFields.Contains(key, StringComparer.Ordinal))
            {
                entry[key] = value;
            }
        }

        return entry;
    }

    /// <summary>
    /// <c>decisions.timesteps_missing</c>: the number, state and reason of each missing part again, small, so that
    /// <c>status</c> counts them without parsing every part's decisions.
    /// </summary>
    public static JsonArray Missing(IEnumerable<(int Timestep, string? Reason)> missing) =>
        new([.. missing.Select(m => (JsonNode)new JsonObject { ["timestep"] = m.Timestep, ["state"] = TimestepStates.Missing, ["reason"] = m.Reason })]);
}
