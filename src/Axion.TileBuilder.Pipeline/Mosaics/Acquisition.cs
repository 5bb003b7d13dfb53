using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Pipeline.Mosaics;

/// <summary>
/// What the build reads for one scene choice: one item that covers the AOI, or the items of one acquisition (same
/// pass, see <see cref="AcquisitionGrouper.SameAcquisition"/>) that cover it together, in merge order (the item
/// covering most of the AOI first; each next item fills the nodata left by the ones before it).
/// </summary>
/// <param name="Items">One or more items, merge order.</param>
/// <param name="Coverage">Fraction (0-1) of the AOI sample points inside each item's footprint, same order.</param>
public sealed record Acquisition(IReadOnlyList<SceneCandidate> Items, IReadOnlyList<double> Coverage)
{
    /// <summary>The first item: its datetime, baseline and radiometry stand for the acquisition.</summary>
    public SceneCandidate First => Items[0];

    /// <summary>True when more than one item is merged.</summary>
    public bool IsMosaic => Items.Count > 1;

    /// <summary>Item ids, merge order.</summary>
    public IReadOnlyList<string> Ids => Items.Select(i => i.Id).ToList();

    /// <summary>Acquisition time of the first item.</summary>
    public DateTimeOffset Datetime => First.Datetime;

    /// <summary>The highest <c>eo:cloud_cover</c> of the items (the ranking key), or null when an item has none.</summary>
    public double? CloudCover => Items.Any(i => i.CloudCover is null) ? null : Items.Max(i => i.CloudCover!.Value);

    /// <summary>A single covering item.</summary>
    public static Acquisition Single(SceneCandidate item) => new([item], [1.0]);
}
