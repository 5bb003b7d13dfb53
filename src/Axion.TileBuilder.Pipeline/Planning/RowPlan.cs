using System.Text.Json.Serialization;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Pipeline.Reading;
using Axion.TileBuilder.Radiometry;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// Everything decided for one row before a band is read: the grid, the date window, every scene
/// verdict with its reason, the chosen Sentinel-2 and Sentinel-1 items, the radiometric rule and how
/// each asset will be read, with the expected cost. Serialise it with <see cref="RowPlanJson"/>.
/// The chosen scene's SCL window (read during selection) travels with the plan for masking, unserialised.
/// </summary>
public sealed record RowPlan
{
    /// <summary>Location id.</summary>
    public required string RowId { get; init; }

    /// <summary>The AOI grid every band is read onto (UTM zone of the point, 10 m).</summary>
    public required TargetGrid Grid { get; init; }

    /// <summary>AOI tiles across.</summary>
    public required int TilesX { get; init; }

    /// <summary>AOI tiles down.</summary>
    public required int TilesY { get; init; }

    /// <summary>Date window searched (of the timestep, in a batch of several), <c>yyyy-MM-dd..yyyy-MM-dd</c> (inclusive).</summary>
    public required string Window { get; init; }

    /// <summary>The timestep this plan is for in a batch of several (<see cref="Window"/> is then the part's days); null in a batch of one.</summary>
    [JsonIgnore]
    public Tiles.TimestepPart? Part { get; init; }

    /// <summary>The timestep's index (0 = oldest) in a batch of several; null (and left out of the JSON) in a batch of one.</summary>
    public int? Timestep => Part?.Index;

    /// <summary>Sentinel-2 items found by the search (of the timestep's days, in a batch of several).</summary>
    public required int S2Found { get; init; }

    /// <summary>Verdicts on the Sentinel-2 candidates (rejected by the ranker, then the SCL checks in order).</summary>
    public required IReadOnlyList<CandidateVerdict> S2Candidates { get; init; }

    /// <summary>The chosen Sentinel-2 scene.</summary>
    public required S2Choice S2 { get; init; }

    /// <summary>Sentinel-1 items found around the Sentinel-2 date.</summary>
    public required int S1Found { get; init; }

    /// <summary>Verdicts on the Sentinel-1 candidates.</summary>
    public required IReadOnlyList<CandidateVerdict> S1Candidates { get; init; }

    /// <summary>The paired Sentinel-1 acquisition.</summary>
    public required S1Choice S1 { get; init; }

    /// <summary>DN-to-reflectance rule of the chosen Sentinel-2 item (the first of a mosaic).</summary>
    public required S2RadiometryRule Radiometry { get; init; }

    /// <summary>
    /// For a mosaic, the rule of each Sentinel-2 item by id (items of one pass can differ, e.g. when one tile of it was
    /// reprocessed with a newer baseline); null for a single item, whose rule is <see cref="Radiometry"/>.
    /// </summary>
    public IReadOnlyDictionary<string, S2RadiometryRule>? ItemRadiometry { get; init; }

    /// <summary>The rule that converts the DN of Sentinel-2 item <paramref name="itemId"/>.</summary>
    public S2RadiometryRule RadiometryOf(string itemId) =>
        ItemRadiometry is not null && ItemRadiometry.TryGetValue(itemId, out var rule) ? rule : Radiometry;

    /// <summary>
    /// The name recorded as <c>offset_rule</c>: the rule's name, or for a mosaic whose items differ, the distinct
    /// names in merge order joined with <c>" + "</c>.
    /// </summary>
    [JsonIgnore]
    public string RadiometryName =>
        string.Join(" + ", S2.ItemIds.Select(RadiometryOf).Select(r => r.Name).Prepend(Radiometry.Name).Distinct(StringComparer.Ordinal));

    /// <summary>Read plan per asset: SCL (already read), B02, B03, B04, B08, vv, vh; for a mosaic one per item and asset, merge order within each band.</summary>
    public required IReadOnlyList<AssetReadPlan> Reads { get; init; }

    /// <summary>Bytes spent by the plan on the SCL checks (all candidates checked), measured.</summary>
    public required long PlanBytes { get; init; }

    /// <summary>HTTP operations of the SCL checks, measured (GDAL's count).</summary>
    public required long PlanRequests { get; init; }

    /// <summary>Bytes spent opening the headers of the band assets during planning, measured (in a build the read reuses them from GDAL's cache).</summary>
    public required long ProbeBytes { get; init; }

    /// <summary>HTTP operations of the header probes, measured.</summary>
    public required long ProbeRequests { get; init; }

    /// <summary>
    /// Estimated block bytes a build reads ahead and wastes on this row, by band: the band windows of the best Sentinel-2
    /// acquisition, read while its SCL was checked (<see cref="Planning.ReadAhead"/>), when the check rejected it. Set by
    /// <c>plan</c> (a build measures them into <see cref="PlanBytes"/> instead); empty when nothing would be wasted.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, long> ReadAheadWasteByBand { get; init; } = new Dictionary<string, long>();

    /// <summary>The sum of <see cref="ReadAheadWasteByBand"/>.</summary>
    public long ReadAheadWasteBytes => ReadAheadWasteByBand.Values.Sum();

    /// <summary>
    /// Estimated bytes of the build reads still to do after planning (headers and blocks of the band assets), including
    /// <see cref="ReadAheadWasteBytes"/>.
    /// </summary>
    public long EstimatedBytes => Reads.Where(r => !r.ReadInPlan).Sum(r => r.Estimate.Bytes) + ReadAheadWasteBytes;

    /// <summary>Estimated HTTP requests of the build reads still to do.</summary>
    public long EstimatedRequests => Reads.Where(r => !r.ReadInPlan).Sum(r => (long)r.Estimate.Requests);

    /// <summary>What a build of this row is expected to download: <see cref="PlanBytes"/> + <see cref="EstimatedBytes"/>.</summary>
    public long BuildBytes => PlanBytes + EstimatedBytes;

    /// <summary>The location row (not serialised).</summary>
    [JsonIgnore]
    public LocationRow? Row { get; init; }

    /// <summary>The Core grid of the AOI (not serialised).</summary>
    [JsonIgnore]
    public AoiGrid? AoiGrid { get; init; }

    /// <summary>The chosen Sentinel-2 item (not serialised).</summary>
    [JsonIgnore]
    public StacItem? S2Item { get; init; }

    /// <summary>The chosen Sentinel-1 item (not serialised).</summary>
    [JsonIgnore]
    public StacItem? S1Item { get; init; }

    /// <summary>Every Sentinel-2 item read, merge order (first = <see cref="S2Item"/>; not serialised).</summary>
    [JsonIgnore]
    public IReadOnlyList<StacItem>? S2Items { get; init; }

    /// <summary>Every Sentinel-1 item read, merge order (first = <see cref="S1Item"/>; not serialised).</summary>
    [JsonIgnore]
    public IReadOnlyList<StacItem>? S1Items { get; init; }

    /// <summary>
    /// Band windows read and converted to reflectance from the time the SCL was checked (<see cref="Planning.ReadAhead"/>),
    /// by band (<c>B02</c> ...), on the AOI grid, perhaps still being read when the plan is returned; each read's bytes and
    /// requests come with its window. Their reads are marked <see cref="AssetReadPlan.ReadInPlan"/>. Null when the chosen
    /// acquisition was not read ahead (not serialised).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, Task<AssetReadResult<float[]>>>? ReadAhead { get; init; }

    /// <summary>The chosen scene's SCL classes on the AOI grid, row-major (not serialised).</summary>
    [JsonIgnore]
    public IReadOnlyList<byte>? Scl { get; init; }

    /// <summary>
    /// This plan without what only a build needs: the chosen scene's SCL window and the STAC items (hundreds of kB per
    /// row). <c>plan</c> prints this form, so no row's pixels outlive the row.
    /// </summary>
    public RowPlan WithoutBuildInputs() => this with { ReadAhead = null, Scl = null, S2Item = null, S1Item = null, S2Items = null, S1Items = null };
}
