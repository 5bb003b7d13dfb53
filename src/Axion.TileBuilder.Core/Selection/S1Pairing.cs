using System.Globalization;
using Axion.TileBuilder.Grid;

namespace Axion.TileBuilder.Selection;

/// <summary>
/// Pairs a Sentinel-2 scene with the nearest Sentinel-1 acquisition in time that is within the
/// allowed window, covers the AOI and has every needed polarisation (<see cref="SceneCandidate.HasAllAssets"/>,
/// e.g. VV and VH). Ties in time go to the lower id (ordinal); orbit direction is not preferred.
/// </summary>
public static class S1Pairing
{
    /// <summary>Chooses the pair for a planned grid.</summary>
    public static S1PairingResult Choose(DateTimeOffset s2Time, IEnumerable<SceneCandidate> s1Candidates, TimeSpan maxDelta, AoiGrid aoi) =>
        Choose(s2Time, s1Candidates, maxDelta, AoiExtent.FromGrid(aoi));

    /// <summary>Chooses the pair for an AOI extent.</summary>
    public static S1PairingResult Choose(DateTimeOffset s2Time, IEnumerable<SceneCandidate> s1Candidates, TimeSpan maxDelta, AoiExtent aoi)
    {
        ArgumentNullException.ThrowIfNull(s1Candidates);
        ArgumentNullException.ThrowIfNull(aoi);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelta, TimeSpan.Zero);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var eligible = new List<SceneCandidate>();
        var rejected = new List<SelectionDecision>();
        foreach (var c in s1Candidates)
        {
            ArgumentNullException.ThrowIfNull(c);
            if (!seen.Add(c.Id))
            {
                rejected.Add(new SelectionDecision(c.Id, SelectionVerdict.Rejected, "duplicate of an earlier candidate with the same id"));
                continue;
            }

            var reasons = new List<string>();
            var delta = c.Datetime - s2Time;
            if (delta.Duration() > maxDelta)
            {
                reasons.Add(Invariant($"|S1 - S2| {delta.Duration().TotalDays:0.00} days > max {maxDelta.TotalDays:0.##} days"));
            }

            if (!c.HasAllAssets)
            {
                reasons.Add(S2CandidateRanker.MissingAssetsReason(c));
            }

            if (Coverage.Problem(c, aoi) is { } coverage)
            {
                reasons.Add(coverage);
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new SelectionDecision(c.Id, SelectionVerdict.Rejected, string.Join("; ", reasons)));
            }
            else
            {
                eligible.Add(c);
            }
        }

        var ordered = eligible
            .OrderBy(c => (c.Datetime - s2Time).Duration())
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();

        var decisions = new List<SelectionDecision>(ordered.Count + rejected.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var days = DeltaDays(ordered[i], s2Time);
            var what = i == 0 ? "nearest" : "fallback";
            decisions.Add(new SelectionDecision(ordered[i].Id, SelectionVerdict.Accepted, Invariant($"{what}: S1 - S2 = {days:+0.00;-0.00;0.00} days"), i + 1));
        }

        decisions.AddRange(rejected);
        var chosen = ordered.Count > 0 ? ordered[0] : null;
        return new S1PairingResult(chosen, chosen is null ? null : DeltaDays(chosen, s2Time), ordered, decisions);
    }

    /// <summary>Signed time difference, S1 minus S2, days.</summary>
    public static double DeltaDays(SceneCandidate s1, DateTimeOffset s2Time)
    {
        ArgumentNullException.ThrowIfNull(s1);
        return (s1.Datetime - s2Time).TotalDays;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
