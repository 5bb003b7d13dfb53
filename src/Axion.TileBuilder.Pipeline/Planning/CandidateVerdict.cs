namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>What the planner decided about one STAC item, and why.</summary>
/// <param name="Id">STAC item id.</param>
/// <param name="Verdict"><c>chosen</c>, <c>eligible</c> or <c>rejected</c>.</param>
/// <param name="Reason">Human-readable reason.</param>
public sealed record CandidateVerdict(string Id, string Verdict, string Reason);
