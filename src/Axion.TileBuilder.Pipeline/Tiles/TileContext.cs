using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>What every tile of a row shares: the row, its grid and the scenes it came from.</summary>
/// <param name="Row">The location row.</param>
/// <param name="Grid">The AOI grid.</param>
/// <param name="S2Item">The chosen Sentinel-2 item.</param>
/// <param name="S1Item">The paired Sentinel-1 item.</param>
/// <param name="DeltaDays">Sentinel-1 minus Sentinel-2 acquisition time, days.</param>
/// <param name="OffsetRule">The Sentinel-2 radiometric rule applied.</param>
/// <param name="AoiClearFraction">Clear fraction of the AOI in the chosen scene's SCL, 0-1.</param>
/// <param name="ToolVersion">axion-tiles version.</param>
/// <param name="S1Source">How the Sentinel-1 arrays were made: <c>rtc</c> (gamma0 from RTC linear power) or <c>grd</c>
/// (sigma0 from GRD amplitude with <paramref name="GrdCalibrationConstant"/>). Default <c>rtc</c>.</param>
/// <param name="GrdCalibrationConstant">The constant A of <c>sigma0 = DN^2 / A^2</c> for <c>grd</c>; null for <c>rtc</c>.</param>
public sealed record TileContext(
    LocationRow Row,
    AoiGrid Grid,
    StacItem S2Item,
    StacItem S1Item,
    double DeltaDays,
    string OffsetRule,
    double AoiClearFraction,
    string ToolVersion,
    string S1Source = "rtc",
    double? GrdCalibrationConstant = null)
{
    /// <summary>Every Sentinel-2 item merged into the row's bands, merge order; null = <see cref="S2Item"/> alone.</summary>
    public IReadOnlyList<string>? S2ItemIds { get; init; }

    /// <summary>
    /// The Sentinel-2 bands of the tiles with their resampling, in key order; written to <c>meta.s2_bands</c> only when they
    /// are not the default four 10 m bands (so a default tile is what it was before <c>--bands</c>). Null = the default.
    /// </summary>
    public IReadOnlyList<TileBand>? S2Bands { get; init; }

    /// <summary>Every Sentinel-1 item merged into the row's bands, merge order; null = <see cref="S1Item"/> alone.</summary>
    public IReadOnlyList<string>? S1ItemIds { get; init; }

    /// <summary>
    /// The part of the row's date window these tiles come from, in a batch of several timesteps (<c>--timesteps</c>); null in
    /// a batch of one, whose tiles and meta are what they were before time series.
    /// </summary>
    public TimestepPart? Timestep { get; init; }
}
