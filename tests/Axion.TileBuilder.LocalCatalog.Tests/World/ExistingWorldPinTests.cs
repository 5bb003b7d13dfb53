using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>
/// Worlds of the existing layouts stay what they were before the seasonal layouts: the same fingerprint (cache key), the
/// same <c>world.json</c> (file sizes aside: they depend on GDAL's compressor) and the same pixels in every file. The pinned
/// values were computed by the code before <see cref="WorldLayout.Seasons"/> existed.
/// </summary>
public sealed partial class ExistingWorldPinTests : IDisposable
{
    /// <summary>An even (2022, baseline 04.00/05.00) and an odd (2021, 02.14) location, every optional file, 512 px scenes.</summary>
    private static readonly WorldSpec Full = new(
        [new WorldLocation("lyon", 45.76, 4.84), new WorldLocation("cape", -33.92, 18.42)],
        ScenePx: 512,
        Seed: 3,
        AoiSizeM: 2560,
        IncludeS1Grd: true,
        IncludeAllBands: true);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"axion-world-pin-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void The_fingerprints_of_existing_specs_are_unchanged()
    {
        Assert.Equal("b818533b20c337e4122bc1404f742a62d1cf95136bda631e8226023938b4d5bb", WorldFingerprint.Compute(Full));
        Assert.Equal("265fb4a8768a612886f233c957abe1568456cfaa8195128b89e2ecde8e7a0bc4", WorldFingerprint.Compute(new WorldSpec([new WorldLocation("paris", 48.8566, 2.3522), new WorldLocation("cape", -33.9249, 18.4241)])));
    }

    [Fact]
    public void An_existing_world_has_the_same_index_and_the_same_pixels_in_every_file()
    {
        var world = WorldBuilder.Build(Full, _root);
        var index = File.ReadAllText(Path.Combine(world.Directory, WorldFiles.IndexFileName));
        Assert.DoesNotContain("Seasonal", index, StringComparison.Ordinal);
        Assert.Equal("25d38f0942d3272af94ed79423b14b93dce3b564f7d5d488ac67a01ef0f952cf", Sha256(FileSizes().Replace(index, "\"FileSize\": 0")));

        var pixels = new StringBuilder();
        var assets = world.Scenes.SelectMany(s => s.Assets.Concat(s.OffsetAppliedAssets ?? [])).OrderBy(a => a.RelativePath, StringComparer.Ordinal).ToList();
        Assert.Equal((4 * (5 + 4 + 16)) + (4 * (5 + 8)) + (2 * 8 * 2 * 2), assets.Count);
        foreach (var asset in assets)
        {
            pixels.Append(asset.RelativePath).Append(' ').Append(PixelHash(world, asset)).Append('\n');
        }

        Assert.Equal("420ba224b4fcc1ba7e742dfd4ed707e8fd97ff373a3ba9a3fb01377fffef8687", Sha256(pixels.ToString()));
    }

    private static string PixelHash(SyntheticWorld world, SceneAssetFile asset)
    {
        using var ds = GdalDataset.Open(Path.Combine(world.Directory, asset.RelativePath));
        var band = ds.GetBand(1);
        return asset.DataType switch
        {
            "Byte" => Hash(Read<byte>(band, ds)),
            "UInt16" => Hash(Read<ushort>(band, ds)),
            "Float32" => Hash(Read<float>(band, ds)),
            _ => throw new InvalidOperationException($"{asset.RelativePath}: unexpected type {asset.DataType}"),
        };
    }

    private static T[] Read<T>(GdalBand band, GdalDataset ds)
        where T : unmanaged
    {
        var values = new T[ds.Width * ds.Height];
        band.Read<T>(0, 0, ds.Width, ds.Height, values);
        return values;
    }

    private static string Hash<T>(T[] values)
        where T : unmanaged =>
        Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("\"FileSize\": [0-9]+")]
    private static partial Regex FileSizes();
}
