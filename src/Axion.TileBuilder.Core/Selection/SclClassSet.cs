using System.Globalization;
using System.Text;

namespace Axion.TileBuilder.Selection;

/// <summary>
/// A set of Sentinel-2 scene classification (SCL) classes, 0..11: 0 no data, 1 saturated/defective,
/// 2 dark area/topographic shadow, 3 cloud shadow, 4 vegetation, 5 not vegetated, 6 water,
/// 7 unclassified, 8 cloud medium probability, 9 cloud high probability, 10 thin cirrus, 11 snow.
/// An immutable value (equality by content); written and parsed as <c>0,1,3,8,9,10</c>.
/// </summary>
public readonly record struct SclClassSet
{
    /// <summary>Highest SCL class.</summary>
    public const byte MaxClass = 11;

    private readonly ushort _bits;

    private SclClassSet(ushort bits) => _bits = bits;

    /// <summary>The usual invalid set <c>{0, 1, 3, 8, 9, 10}</c>: no data, defective, cloud shadow, clouds, cirrus.</summary>
    public static SclClassSet DefaultInvalid { get; } = Of(0, 1, 3, 8, 9, 10);

    /// <summary>No classes.</summary>
    public static SclClassSet Empty => default;

    /// <summary>Number of classes in the set.</summary>
    public int Count => System.Numerics.BitOperations.PopCount(_bits);

    /// <summary>The classes, ascending.</summary>
    public IReadOnlyList<byte> Classes
    {
        get
        {
            var list = new List<byte>(Count);
            for (byte c = 0; c <= MaxClass; c++)
            {
                if (Contains(c))
                {
                    list.Add(c);
                }
            }

            return list;
        }
    }

    /// <summary>A set of the given classes (each 0..11).</summary>
    public static SclClassSet Of(params ReadOnlySpan<byte> classes)
    {
        var set = Empty;
        foreach (var c in classes)
        {
            set = set.With(c);
        }

        return set;
    }

    /// <summary>
    /// Parses a comma-separated list such as <c>0,1,3,8,9,10</c> (spaces allowed, each 0..11).
    /// </summary>
    /// <exception cref="FormatException">The text is empty or holds something else; the message quotes it.</exception>
    public static SclClassSet Parse(string text)
    {
        if (!TryParse(text, out var set, out var problem))
        {
            throw new FormatException(problem);
        }

        return set;
    }

    /// <summary>Parses like <see cref="Parse"/>; on failure <paramref name="problem"/> quotes the bad text.</summary>
    public static bool TryParse(string? text, out SclClassSet set, out string problem)
    {
        set = Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "SCL class list is empty: give classes 0..11 separated by commas, e.g. '0,1,3,8,9,10'.";
            return false;
        }

        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            if (!byte.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c > MaxClass)
            {
                problem = $"SCL class list '{text}': '{item}' is not a class 0..{MaxClass}.";
                set = Empty;
                return false;
            }

            set = set.With(c);
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>True when <paramref name="sclClass"/> is in the set (values above 11 never are).</summary>
    public bool Contains(byte sclClass) => sclClass <= MaxClass && (_bits & (1 << sclClass)) != 0;

    /// <summary>This set plus <paramref name="sclClass"/> (0..11).</summary>
    public SclClassSet With(byte sclClass)
    {
        CheckClass(sclClass);
        return new SclClassSet((ushort)(_bits | (1 << sclClass)));
    }

    /// <summary>This set without <paramref name="sclClass"/> (0..11).</summary>
    public SclClassSet Without(byte sclClass)
    {
        CheckClass(sclClass);
        return new SclClassSet((ushort)(_bits & ~(1 << sclClass)));
    }

    /// <summary>A 256-entry lookup: <c>true</c> for each byte value in the set.</summary>
    public bool[] ToLookup()
    {
        var lookup = new bool[256];
        for (byte c = 0; c <= MaxClass; c++)
        {
            lookup[c] = Contains(c);
        }

        return lookup;
    }

    /// <summary>The classes as <c>0,1,3,8,9,10</c> (what <see cref="Parse"/> reads).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var c in Classes)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(c.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static void CheckClass(byte sclClass)
    {
        if (sclClass > MaxClass)
        {
            throw new ArgumentOutOfRangeException(nameof(sclClass), sclClass, $"SCL classes are 0..{MaxClass}.");
        }
    }
}
