using System.Globalization;
using System.Numerics;

namespace Axion.TileBuilder.Options;

/// <summary>
/// One numeric build option: the name a user types, its default, its inclusive range and its unit. The command line
/// (<c>--help</c> text and defaults), the journal's settings and <see cref="BuildOptions.Validate"/> all read it from here.
/// </summary>
/// <typeparam name="T"><see cref="int"/> or <see cref="double"/>.</typeparam>
/// <param name="Name">What a user types (<c>--min-valid</c>), or how the option is called where it has no flag.</param>
/// <param name="Default">The value when the option is not given.</param>
/// <param name="Min">Smallest valid value (inclusive).</param>
/// <param name="Max">Largest valid value (inclusive); <c>T.MaxValue</c> means no upper bound.</param>
/// <param name="Unit">What the number counts (<c>days</c>, <c>percent</c>), or empty.</param>
public sealed record OptionSpec<T>(string Name, T Default, T Min, T Max, string Unit)
    where T : struct, INumber<T>, IMinMaxValue<T>
{
    /// <summary>The valid values as text: <c>0..1</c>, <c>at least 1</c> or <c>0 or more</c>.</summary>
    public string RangeText => Max == T.MaxValue
        ? (T.IsZero(Min) ? "0 or more" : Invariant($"at least {Min}"))
        : Invariant($"{Min}..{Max}");

    /// <summary><c>Default</c> and the value, with a full stop: the end of the option's help text.</summary>
    public string DefaultText => Invariant($"Default {Default}.");

    /// <summary>True when <paramref name="value"/> is finite and within <see cref="Min"/>..<see cref="Max"/>.</summary>
    public bool Accepts(T value) => T.IsFinite(value) && value >= Min && value <= Max;

    /// <summary>The problem with <paramref name="value"/>, naming the option and quoting the value; null when it is valid.</summary>
    public string? Problem(T value) =>
        Accepts(value) ? null : Invariant($"{Name} {value} must be {RangeText}") + (Unit.Length > 0 ? $" ({Unit})" : string.Empty);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
