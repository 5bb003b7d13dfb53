using System.Security.Cryptography;
using Axion.TileBuilder.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Axion.TileBuilder.Cli.Tests.Bands;

/// <summary>
/// The default output stays byte for byte what it was before <c>--bands</c> existed (issue 16): the SHA-256 of every tile of
/// a default <c>build</c> of a small deterministic world, compressed (the default) and <c>--uncompressed</c>, as recorded with
/// the code of commit 662ad03. A change to the keys, their order, a value, the <c>meta</c> JSON or the NPZ container shows here.
/// Expected changes (a new tool version, a deliberate change of the compressor) update the table on purpose.
/// </summary>
public sealed class DefaultOutputPinTests(DefaultOutputFixture batch, ITestOutputHelper output) : IClassFixture<DefaultOutputFixture>
{
    private static readonly string[] CompressedSha256 =
    [
        "tile_pin-row_0_0.npz fa446dc09a257bd7bcf34ac0e1fb59229bb5f6b861c5bae9c80a6b86a50e4027",
        "tile_pin-row_0_1.npz 68961c4f7216a8c1b91e6cd45dc466db6057720b4aca7cedd827d45d2f3c44bc",
        "tile_pin-row_1_0.npz df18cffa0081bf4776428d0e43653f25b7be5b8aa1f73e7da442f3f548144621",
    ];

    private static readonly string[] UncompressedSha256 =
    [
        "tile_pin-row_0_0.npz fa0812f9634b5416939d6512bcb2f6dc21883007547a12d8538b118c34512dfe",
        "tile_pin-row_0_1.npz 79c59dcbabee0e822009f74a25a5b07b4cdbdf19f860f6bdb2ff6e94f7ea7d54",
        "tile_pin-row_1_0.npz d99ba8ec9f377a690058a4720d29053e980aa20eaa6d947d0df382a55ce05404",
    ];

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
