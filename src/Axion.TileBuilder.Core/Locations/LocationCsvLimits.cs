namespace Axion.TileBuilder.Locations;

/// <summary>
/// The size caps of a locations CSV: a file past them is refused (exit 2) while it is streamed, before it is read
/// whole, so <c>--csv /dev/zero</c> or a binary file costs at most the cap in reading and a few MB of memory.
/// </summary>
/// <param name="MaxBytes">Largest file accepted, bytes. Default <see cref="DefaultMaxBytes"/> (256 MiB, about 3 million rows).</param>
/// <param name="MaxLineBytes">Longest physical line accepted, bytes without its line break. Default <see cref="DefaultMaxLineBytes"/> (64 KiB).</param>
public sealed record LocationCsvLimits(long MaxBytes, int MaxLineBytes)
{
    /// <summary>256 MiB.</summary>
    public const long DefaultMaxBytes = 256L * 1024 * 1024;

    /// <summary>64 KiB.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    /// <summary>The documented caps (256 MiB, lines of 64 KiB).</summary>
    public static LocationCsvLimits Default { get; } = new(DefaultMaxBytes, DefaultMaxLineBytes);
}
