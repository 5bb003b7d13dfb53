namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>An inclusive byte range <c>[First, Last]</c> of a file, already clamped to its length.</summary>
internal readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public string ContentRange(long total) => FormattableString.Invariant($"bytes {First}-{Last}/{total}");
}
