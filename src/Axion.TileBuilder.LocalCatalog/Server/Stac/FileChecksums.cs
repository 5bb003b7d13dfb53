using System.Security.Cryptography;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Real <c>file:checksum</c> values of served files: hex MD5 (Planetary Computer style) or a sha2-256
/// multihash <c>1220&lt;hex&gt;</c> (Earth Search style). Files larger than <see cref="MaxBytes"/> get none
/// (the key is then omitted) so a big world does not slow the server start.
/// </summary>
internal static class FileChecksums
{
    public const long MaxBytes = 64L << 20;

    public static string? Md5Hex(string path) => Hash(path, MD5.HashData);

    public static string? Sha256Multihash(string path) => Hash(path, SHA256.HashData) is { } hex ? "1220" + hex : null;

    private static string? Hash(string path, Func<Stream, byte[]> hash)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length > MaxBytes)
        {
            return null;
        }

        using var stream = info.OpenRead();
        return Convert.ToHexStringLower(hash(stream));
    }
}
