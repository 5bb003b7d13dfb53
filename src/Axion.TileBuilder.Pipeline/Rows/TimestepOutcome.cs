using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>What one timestep of a row gave: its tiles, or the reason it has none.</summary>
/// <param name="Part">The timestep.</param>
/// <param name="Result">Its tiles and decisions; null when it has none.</param>
/// <param name="Reason">Why it has none (<c>no_clear_scene</c>, <c>no_s1_pair</c>, ...); null when it has tiles.</param>
/// <param name="Message">The reason in words; null when it has tiles.</param>
internal sealed record TimestepOutcome(TimestepPart Part, RowResult? Result, string? Reason, string? Message);
