namespace Axion.TileBuilder.Radiometry;

/// <summary>What the item says that matters for turning Sentinel-2 DNs into reflectance.</summary>
/// <param name="Flavor">The catalog convention.</param>
/// <param name="ProcessingBaseline"><c>s2:processing_baseline</c>, e.g. <c>05.11</c>, or null.</param>
/// <param name="BoaOffsetApplied"><c>earthsearch:boa_offset_applied</c>, or null when absent.</param>
/// <param name="AssetScale">Band scale from <c>raster:bands</c> or <c>raster:scale</c>, or null.</param>
/// <param name="AssetOffset">Band offset from <c>raster:bands</c> or <c>raster:offset</c>, reflectance units, or null.</param>
/// <param name="Datetime">Acquisition time; decides the baseline when the item lacks one (04.00 from 2022-01-25).</param>
public sealed record S2RadiometryInput(
    S2CollectionFlavor Flavor,
    string? ProcessingBaseline = null,
    bool? BoaOffsetApplied = null,
    double? AssetScale = null,
    double? AssetOffset = null,
    DateTimeOffset? Datetime = null);
