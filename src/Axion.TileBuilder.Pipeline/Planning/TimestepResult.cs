using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>What one timestep of a row gave (<see cref="TimestepRun"/>): a value (its plan, or its tiles), or why it has none.</summary>
/// <typeparam name="T">What a timestep with a usable scene gives.</typeparam>
/// <param name="Part">The timestep.</param>
/// <param name="Value">Its value; null when it has no usable scene or tile.</param>
/// <param name="Reason">Why it has none (<c>no_s2_candidates</c>, <c>no_clear_scene</c>, <c>no_s1_pair</c>, <c>no_valid_tiles</c>); null when it has a value.</param>
/// <param name="Message">The reason in words; null when it has a value.</param>
public sealed record TimestepResult<T>(TimestepPart Part, T? Value, string? Reason, string? Message)
    where T : class;
