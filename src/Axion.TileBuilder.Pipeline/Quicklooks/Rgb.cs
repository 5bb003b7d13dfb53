namespace Axion.TileBuilder.Pipeline.Quicklooks;

/// <summary>An 8-bit sRGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary><c>#rrggbb</c>.</summary>
    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}
