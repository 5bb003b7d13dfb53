namespace Axion.TileBuilder.Selection;

/// <summary>What happened to one candidate, for the plan and the journal.</summary>
/// <param name="Id">STAC item id.</param>
/// <param name="Verdict">Accepted or rejected.</param>
/// <param name="Reason">Why, e.g. <c>cloud_cover 43.2 &gt; max 30</c>, <c>missing assets SCL</c>, <c>does not cover AOI (bbox)</c>; several reasons are joined with <c>; </c>.</param>
/// <param name="Rank">1-based order of trial for accepted candidates, null for rejected ones.</param>
public sealed record SelectionDecision(string Id, SelectionVerdict Verdict, string Reason, int? Rank = null)
{
    /// <summary>True when <see cref="Verdict"/> is <see cref="SelectionVerdict.Accepted"/>.</summary>
    public bool Accepted => Verdict == SelectionVerdict.Accepted;
}
