namespace Axion.TileBuilder.Selection;

/// <summary>The result of ranking scene candidates.</summary>
/// <param name="Ranked">Accepted candidates, best first.</param>
/// <param name="Decisions">One decision per distinct input candidate: accepted ones in rank order, then rejected ones in input order.</param>
public sealed record CandidateRanking(IReadOnlyList<SceneCandidate> Ranked, IReadOnlyList<SelectionDecision> Decisions);
