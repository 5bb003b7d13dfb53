namespace Axion.TileBuilder.Selection;

/// <summary>The Sentinel-1 acquisition paired with a Sentinel-2 scene.</summary>
/// <param name="Chosen">The nearest eligible acquisition, or null when none qualifies.</param>
/// <param name="DeltaDays">Signed time difference of <paramref name="Chosen"/>, S1 minus S2, days; null without a pair.</param>
/// <param name="Eligible">Every eligible acquisition, nearest first (fallbacks when a read fails).</param>
/// <param name="Decisions">One decision per distinct candidate: eligible ones in order (rank 1 = chosen), then rejected ones in input order.</param>
public sealed record S1PairingResult(
    SceneCandidate? Chosen,
    double? DeltaDays,
    IReadOnlyList<SceneCandidate> Eligible,
    IReadOnlyList<SelectionDecision> Decisions);
