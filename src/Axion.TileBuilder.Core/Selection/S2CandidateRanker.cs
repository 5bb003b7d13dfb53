using System.Globalization;
using Axion.TileBuilder.Grid;

namespace Axion.TileBuilder.Selection;

/// <summary>
/// Orders Sentinel-2 candidates for a location. Every rule is re-checked here, whatever the server
/// was asked (catalogs have ignored filters): datetime within the window, <c>eo:cloud_cover</c>
/// present and at most <see cref="SelectionOptions.MaxSceneCloud"/>, all assets present, AOI
/// covered. Best first: lowest cloud cover, then nearest to the window centre, then id (ordinal),
/// so the order is deterministic.
/// </summary>
public static class S2CandidateRanker
{
    /// <summary>Ranks the candidates for a planned grid.</summary>
    public static CandidateRanking Rank(IEnumerable<SceneCandidate> candidates, SelectionOptions options, AoiGrid aoi, DateWindow window) =>
        Rank(candidates, options, AoiExtent.FromGrid(aoi), window);

    /// <summary>Ranks the candidates for an AOI extent.</summary>
    public static CandidateRanking Rank(IEnumerable<SceneCandidate> candidates, SelectionOptions options, AoiExtent aoi, DateWindow window)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(aoi);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<SceneCandidate>();
        var rejected = new List<SelectionDecision>();
        foreach (var c in candidates)
        {
            ArgumentNullException.ThrowIfNull(c);
            if (!seen.Add(c.Id))
            {
                rejected.Add(new SelectionDecision(c.Id, SelectionVerdict.Rejected, "duplicate of an earlier candidate with the same id"));
                continue;
            }

            var reasons = new List<string>();
            if (!window.Contains(c.Datetime))
            {
                reasons.Add(Invariant($"datetime {c.Datetime.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} outside window {window}"));
            }

            if (c.CloudCover is not { } cloud || !double.IsFinite(cloud))
            {
                reasons.Add("no cloud cover");
            }
            else if (cloud > options.MaxSceneCloud)
            {
                reasons.Add(Invariant($"cloud_cover {cloud} > max {options.MaxSceneCloud}"));
            }

            if (!c.HasAllAssets)
            {
                reasons.Add(MissingAssetsReason(c));
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
                accepted.Add(c);
            }
        }

        var center = window.Center;
        var ranked = accepted
            .OrderBy(c => c.CloudCover!.Value)
            .ThenBy(c => (c.Datetime - center).Duration())
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();

        var decisions = new List<SelectionDecision>(ranked.Count + rejected.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var c = ranked[i];
            var days = (c.Datetime - center).TotalDays;
            decisions.Add(new SelectionDecision(
                c.Id,
                SelectionVerdict.Accepted,
                Invariant($"cloud_cover {c.CloudCover} <= max {options.MaxSceneCloud}, {Math.Abs(days):0.0} days from window centre"),
                i + 1));
        }

        decisions.AddRange(rejected);
        return new CandidateRanking(ranked, decisions);
    }

    internal static string MissingAssetsReason(SceneCandidate c) =>
        c.MissingAssets.Count > 0 ? "missing assets " + string.Join(", ", c.MissingAssets) : "missing assets";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
