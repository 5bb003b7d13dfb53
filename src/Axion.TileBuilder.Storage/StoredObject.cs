namespace Axion.TileBuilder.Storage;

/// <summary>An object as the store reports it.</summary>
/// <param name="Name">The name relative to the output location (<c>tile_a_0_0.npz</c>, <c>_journal/shard-0-of-3.db</c>).</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Md5Hex">
/// The content MD5 as 32 lower-case hex digits, or null when the store does not report one (S3 multipart or
/// SSE-KMS objects, whose ETag is not an MD5; local-folder listings, which do not hash).
/// </param>
public sealed record StoredObject(string Name, long Length, string? Md5Hex);
