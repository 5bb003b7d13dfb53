using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Output.IO;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Randomness;
using Axion.TileBuilder.Testing.FileSystem;

namespace Axion.TileBuilder.Pipeline.Tests.Tiles;

/// <summary>A GeoTIFF that cannot be finished (a full disk; GDAL fails only when it flushes at close) is an output error naming the file, and leaves nothing behind.</summary>
public sealed class TileGeoTiffTests : IDisposable
{
    private const int Size = 256;
    private static readonly string[] Names = ["s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8"];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "axion-geotiff-tests-" + Guid.NewGuid().ToString("N"));

    public TileGeoTiffTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void A_geotiff_that_cannot_be_finished_on_a_full_disk_fails_as_output_write_naming_the_file_and_leaves_nothing()
    {
        // Room for the header, not for 1.5 MB of (noisy, hardly compressible) pixels.
        using var disk = TmpfsMount.Create(_dir, sizeKb: 128);
        var path = Path.Combine(disk.Path, "tile_x_0_0.tif");

        var error = Assert.Throws<OutputWriteException>(() => TileGeoTiff.Write(path, Bands(), Names, Record()));

        Assert.Equal(FailureKind.Environment, error.Kind);
        Assert.Equal("output_write", error.Reason);
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }

    [Fact]
    public void A_geotiff_with_room_is_renamed_into_place_with_its_pixels()
    {
        var path = Path.Combine(_dir, "tile_x_0_0.tif");

        TileGeoTiff.Write(path, Bands(), Names, Record());

        Assert.Equal(["tile_x_0_0.tif"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        using var dataset = Gdal.GdalDataset.Open(path);
        var values = new float[Size * Size];
        dataset.GetBand(6).Read<float>(0, 0, Size, Size, values);
        Assert.Equal(Bands()[5], values);
    }

    private static float[][] Bands()
    {
        var bands = new float[6][];
        for (var b = 0; b < bands.Length; b++)
        {
            var rng = new SplitMix64((ulong)b + 1);
            bands[b] = [.. Enumerable.Range(0, Size * Size).Select(_ => (float)rng.NextDouble())];
        }

        return bands;
    }

    private static TileRecord Record() => new()
    {
        File = "tile_x_0_0.npz",
        RowId = "x",
        TileRow = 0,
        TileCol = 0,
        Epsg = 32633,
        Bounds = [500_000, 4_000_000, 502_560, 4_002_560],
        FootprintLonLat = [[15, 36], [15.03, 36], [15.03, 36.03], [15, 36.03], [15, 36]],
        S2ItemId = "S2A_TEST",
        S2Datetime = new DateTimeOffset(2022, 3, 10, 10, 0, 0, TimeSpan.Zero),
        S1ItemId = "S1A_TEST",
        S1Datetime = new DateTimeOffset(2022, 3, 12, 5, 0, 0, TimeSpan.Zero),
        DeltaDays = 1.8,
        ValidFraction = 1,
        OffsetRule = "test",
    };
}
