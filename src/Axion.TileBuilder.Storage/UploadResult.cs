namespace Axion.TileBuilder.Storage;

/// <summary>The verified result of an upload.</summary>
/// <param name="Name">The object name relative to the output location.</param>
/// <param name="Length">Size in bytes, as the store reported it after the upload.</param>
/// <param name="Md5Hex">The content MD5 of the local file (32 lower-case hex digits).</param>
/// <param name="Outcome">Sent, or already present with the same bytes.</param>
/// <param name="Attempts">Attempts it took (1 when the first succeeded).</param>
public sealed record UploadResult(string Name, long Length, string Md5Hex, UploadOutcome Outcome, int Attempts);
