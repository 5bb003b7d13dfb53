using System.Globalization;

namespace Axion.TileBuilder.Selection;

/// <summary>How scenes are chosen for a location. Change with <c>with</c>; <c>new SelectionOptions()</c> gives the defaults.</summary>
public readonly record struct SelectionOptions
{
    public SelectionOptions()
    {
    }

    /// <summary>Largest scene-level <c>eo:cloud_cover</c> accepted, percent (0..100). Default 30. Re-checked client-side.</summary>
    public double MaxSceneCloud { get; init; } = 30;

    /// <summary>Smallest fraction (0..1) of the AOI whose SCL class is valid for a scene to be used. Default 0.9.</summary>
    public double MinClear { get; init; } = 0.9;

    /// <summary>Most candidates whose SCL is read (one window read each) per location before giving up. Default 5.</summary>
    public int MaxCandidatesToCheck { get; init; } = 5;

    /// <summary>Largest time between the Sentinel-2 scene and its Sentinel-1 pair, days (either side). Default 12.</summary>
    public double S1MaxDays { get; init; } = 12;

    /// <summary>SCL classes that make a pixel unusable. Default <c>0,1,3,8,9,10</c>; add 11 (snow) or 2 (dark area) if needed.</summary>
    public SclClassSet InvalidSclClasses { get; init; } = SclClassSet.DefaultInvalid;

    /// <summary>Smallest fraction (0..1) of valid pixels for a tile to be written. Default 0.9.</summary>
    public double MinValid { get; init; } = 0.9;

    /// <summary>
    /// Length of the default date window, days, used when neither the row nor the command line gives
    /// dates: <c>end</c> = today (UTC), <c>start</c> = <c>end</c> minus this many days. Default 365.
    /// </summary>
    public int DefaultWindowDays { get; init; } = 365;

    /// <summary><see cref="S1MaxDays"/> as a time span.</summary>
    public TimeSpan S1MaxDelta => TimeSpan.FromDays(S1MaxDays);

    /// <summary>Every problem with the values, each naming the option and quoting its value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(MaxSceneCloud) || MaxSceneCloud is < 0 or > 100)
        {
            errors.Add(Invariant($"max scene cloud {MaxSceneCloud} must be 0..100 (percent)"));
        }

        if (!double.IsFinite(MinClear) || MinClear is < 0 or > 1)
        {
            errors.Add(Invariant($"min clear {MinClear} must be 0..1 (fraction of the AOI)"));
        }

        if (MaxCandidatesToCheck < 1)
        {
            errors.Add(Invariant($"max candidates to check {MaxCandidatesToCheck} must be at least 1"));
        }

        if (!double.IsFinite(S1MaxDays) || S1MaxDays < 0)
        {
            errors.Add(Invariant($"S1 max days {S1MaxDays} must be 0 or more"));
        }

        if (!InvalidSclClasses.Contains(0))
        {
            errors.Add($"invalid SCL classes '{InvalidSclClasses}' must include 0 (no data)");
        }

        if (!double.IsFinite(MinValid) || MinValid is < 0 or > 1)
        {
            errors.Add(Invariant($"min valid {MinValid} must be 0..1 (fraction of a tile)"));
        }

        if (DefaultWindowDays < 1)
        {
            errors.Add(Invariant($"default window days {DefaultWindowDays} must be at least 1"));
        }

        return errors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
