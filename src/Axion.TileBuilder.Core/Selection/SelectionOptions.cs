using Axion.TileBuilder.Options;

namespace Axion.TileBuilder.Selection;

/// <summary>
/// How scenes are chosen for a location. Change with <c>with</c>; <c>new SelectionOptions()</c> gives the defaults, which
/// (with the ranges) come from <see cref="BuildOptionSpecs"/>.
/// </summary>
public readonly record struct SelectionOptions
{
    public SelectionOptions()
    {
    }

    /// <summary>Largest scene-level <c>eo:cloud_cover</c> accepted, percent (range and default: <see cref="BuildOptionSpecs.MaxSceneCloud"/>). Re-checked client-side.</summary>
    public double MaxSceneCloud { get; init; } = BuildOptionSpecs.MaxSceneCloud.Default;

    /// <summary>Smallest fraction of the AOI whose SCL class is valid for a scene to be used (range and default: <see cref="BuildOptionSpecs.MinClear"/>).</summary>
    public double MinClear { get; init; } = BuildOptionSpecs.MinClear.Default;

    /// <summary>Most candidates whose SCL is read (one window read each) per location before giving up (range and default: <see cref="BuildOptionSpecs.MaxCandidates"/>).</summary>
    public int MaxCandidatesToCheck { get; init; } = BuildOptionSpecs.MaxCandidates.Default;

    /// <summary>Largest time between the Sentinel-2 scene and its Sentinel-1 pair, days, either side (range and default: <see cref="BuildOptionSpecs.S1MaxDays"/>).</summary>
    public double S1MaxDays { get; init; } = BuildOptionSpecs.S1MaxDays.Default;

    /// <summary>SCL classes that make a pixel unusable. Default <c>0,1,3,8,9,10</c>; add 11 (snow) or 2 (dark area) if needed.</summary>
    public SclClassSet InvalidSclClasses { get; init; } = SclClassSet.DefaultInvalid;

    /// <summary>Smallest fraction of valid pixels for a tile to be written (range and default: <see cref="BuildOptionSpecs.MinValid"/>).</summary>
    public double MinValid { get; init; } = BuildOptionSpecs.MinValid.Default;

    /// <summary>
    /// Length of the default date window, days, used when neither the row nor the command line gives
    /// dates: <c>end</c> = today (UTC), <c>start</c> = <c>end</c> minus this many days (range and default: <see cref="BuildOptionSpecs.WindowDays"/>).
    /// </summary>
    public int DefaultWindowDays { get; init; } = BuildOptionSpecs.WindowDays.Default;

    /// <summary><see cref="S1MaxDays"/> as a time span.</summary>
    public TimeSpan S1MaxDelta => TimeSpan.FromDays(S1MaxDays);

    /// <summary>Every problem with the values, each naming the option and quoting its value; empty when valid.</summary>
    public IReadOnlyList<string> Validate() =>
        new[]
        {
            BuildOptionSpecs.MaxSceneCloud.Problem(MaxSceneCloud),
            BuildOptionSpecs.MinClear.Problem(MinClear),
            BuildOptionSpecs.MaxCandidates.Problem(MaxCandidatesToCheck),
            BuildOptionSpecs.S1MaxDays.Problem(S1MaxDays),
            InvalidSclClasses.Contains(0) ? null : $"--invalid-scl '{InvalidSclClasses}' must include 0 (no data)",
            BuildOptionSpecs.MinValid.Problem(MinValid),
            BuildOptionSpecs.WindowDays.Problem(DefaultWindowDays),
        }.OfType<string>().ToList();
}
