using System.Text.Json.Serialization;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>What the planner decided about one STAC item, and why.</summary>
/// <param name="Id">STAC item id (for a feature without one: <c>feature N of page P</c>).</param>
/// <param name="Verdict">
/// <c>chosen</c>, <c>eligible</c>, <c>rejected</c> (by a selection rule), or <c>dropped</c> (the catalog's feature is not
/// a usable item: no id, no assets, an unparsable datetime).
/// </param>
/// <param name="Reason">Human-readable reason; for an item with unusable fields (a bad bbox, a non-numeric
/// <c>eo:cloud_cover</c>) it ends with <c>unusable fields: ...</c> naming each field and quoting its value.</param>
public sealed record CandidateVerdict(string Id, string Verdict, string Reason)
{
    /// <summary>The verdict of a feature that could not be read as an item.</summary>
    public const string Dropped = "dropped";

    private const string UnusableFields = "; unusable fields: ";

    /// <summary>True for a dropped feature or an item whose reason lists unusable fields.</summary>
    [JsonIgnore]
    public bool IsUnusable => Verdict == Dropped || Reason.Contains(UnusableFields, StringComparison.Ordinal);

    /// <summary>A <c>rejected</c> verdict whose reason also lists the item's unusable fields (when it has any).</summary>
    public static CandidateVerdict Rejected(string id, string reason, IReadOnlyList<string> unusableFields) =>
        new(id, "rejected", unusableFields.Count == 0 ? reason : reason + UnusableFields + string.Join("; ", unusableFields));
}
