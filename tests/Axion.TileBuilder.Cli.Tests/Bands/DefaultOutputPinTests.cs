using System.Security.Cryptography;
using Axion.TileBuilder.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary>
/// The default output stays what it was before <c>--bands</c> existed (issue 16), for a default <c>build</c> of a small
/// deterministic world, compressed (the default) and <c>--uncompressed</c>:
/// <list type="bullet">
/// <item>the content of every tile (each zip entry's name and uncompressed bytes, in order: keys, key order, every value,
/// the <c>meta</c> JSON) is the SHA-256 recorded from the output of the code of commit 662ad03;</item>
/// <item>the file bytes are pinned too: recorded with 662ad03, then on purpose again when issue 15 replaced
/// <c>ZipArchive</c> by <c>ZipWriter</c> and the default zlib level 6 by 2, and when it moved the DEFLATE from zlib-ng to
/// libdeflate (Debian 12's 1.14; the content pin held across both changes).</item>
/// </list>
/// Expected changes (a new tool version, a deliberate change of the compressor) update the tables on purpose.
/// </summary>
public sealed class DefaultOutputPinTests(DefaultOutputFixture batch, ITestOutputHelper output) : IClassFixture<DefaultOutputFixture>
{
    /// <summary>Each tile's entries (name and uncompressed bytes), as 662ad03 wrote them, compressed or not.</summary>
    private static readonly string[] ContentSha256 =
    [
        "tile_pin-row_0_0.npz 13abba1a5fe2abaac7e4a49f0e51e7eb64e9d5e7e8365ab92375b9b0b6e8623a",
        "tile_pin-row_0_1.npz 5695b5704cd57455787302d2151fe84f51c89e1a8c91953c7fef9f9c9ca02543",
        "tile_pin-row_1_0.npz 80da7015ae0015f3f0fa35d3adc5c50f221f531f6da3aebb9fa5403702ac1ab2",
    ];

    private static readonly string[] CompressedSha256 =
    [
        "tile_pin-row_0_0.npz 12107d973c23c2a76711fd11f6268748423953fb1cb2a7e41d4fe2a4988d36c0",
        "tile_pin-row_0_1.npz 30f7169e293fb379b2f4f271671e1d5faa9d8a2753c6493509717a5dc5f768f3",
        "tile_pin-row_1_0.npz dfa1227cc15e8e2a0ccba3a08f0743c8eb57152e129e5f7f4a69399f08ab5397",
    ];

    private static readonly string[] UncompressedSha256 =
    [
        "tile_pin-row_0_0.npz 41a8f2b3ac743d059582c4b79bd1df7c5f4551c52f1ccd1b598da7c3e6806d98",
        "tile_pin-row_0_1.npz c2dd687a32e99b586c538728ebde97fc169e9f7d44cc88879658e4ea79fb0210",
        "tile_pin-row_1_0.npz 9d7a0c02cbae3922c7534e2e28f02e0101f118aa46ece0e22d2706a62088ad44",
    ];

    [Fact]
    public void Every_tile_holds_the_same_entries_as_before_bands_existed_compressed_or_not()
    {
        Assert.True(batch.Build.ExitCode == 0, batch.Build.ToString());
        Assert.True(batch.UncompressedBuild.ExitCode == 0, batch.UncompressedBuild.ToString());
        Assert.Equal(ContentSha256, ContentHashes(batch.OutDir));
        Assert.Equal(ContentSha256, ContentHashes(batch.UncompressedOutDir));
    }

    [Fact]
    public void A_default_build_writes_the_same_bytes_as_before_bands_existed()
    {
        Assert.True(batch.Build.ExitCode == 0, batch.Build.ToString());
        Assert.Equal(CompressedSha256, Hashes(batch.OutDir));
    }

    [Fact]
    public void An_uncompressed_default_build_writes_the_same_bytes_as_before_bands_existed()
    {
        Assert.True(batch.UncompressedBuild.ExitCode == 0, batch.UncompressedBuild.ToString());
        Assert.Equal(UncompressedSha256, Hashes(batch.UncompressedOutDir));
    }

    private static string[] ContentHashes(string outDir) => DefaultOutputFixture.TileFiles(outDir).Select(f =>
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(f);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in zip.Entries)
        {
            sha.AppendData(System.Text.Encoding.ASCII.GetBytes(entry.FullName + "\n"));
            using var data = entry.Open();
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            sha.AppendData(copy.ToArray());
        }

        return $"{Path.GetFileName(f)} {Convert.ToHexStringLower(sha.GetHashAndReset())}";
    }).ToArray();

    private string[] Hashes(string outDir)
    {
        var hashes = DefaultOutputFixture.TileFiles(outDir)
            .Select(f => $"{Path.GetFileName(f)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}")
            .ToArray();
        foreach (var line in hashes)
        {
            output.WriteLine($"\"{line}\",");
        }

        return hashes;
    }
}
