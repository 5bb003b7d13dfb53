using System.Security.Cryptography;

namespace Axion.TileBuilder.Storage.Internals;

/// <summary>Length and MD5 of a file's bytes, read once in a stream.</summary>
internal sealed class FileDigest
{
    private const int BufferSize = 1 << 20;

    public FileDigest(long length, byte[] md5)
    {
        ArgumentNullException.ThrowIfNull(md5);
        Length = length;
        Md5 = md5;
        Md5Hex = Convert.ToHexStringLower(md5);
    }

    /// <summary>Bytes.</summary>
    public long Length { get; }

    /// <summary>The 16-byte MD5.</summary>
    public byte[] Md5 { get; }

    /// <summary>The MD5 as 32 lower-case hex digits.</summary>
    public string Md5Hex { get; }

    /// <summary>Reads <paramref name="path"/> and hashes it.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<FileDigest> ComputeAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var md5 = await MD5.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new FileDigest(stream.Length, md5);
        }
    }
}
