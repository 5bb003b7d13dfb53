using Axion.TileBuilder.Gdal.Tests.Support;
using Axion.TileBuilder.Testing.FileSystem;

namespace Axion.TileBuilder.Gdal.Tests;

/// <summary>
/// <see cref="GdalDataset.Close"/> reports what GDAL 3.6's <c>GDALClose</c> (a void function) cannot: a GeoTIFF whose
/// blocks or directory cannot be written. A 64 KiB tmpfs holds the header but not the 256 KiB of pixels, which
/// GDAL keeps in its block cache until the flush at close.
/// </summary>
public sealed class GdalDatasetCloseTests : IDisposable
{
    private const int Size = 256;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Close_reports_a_write_that_fails_on_a_full_disk_and_names_the_file()
    {
        using var disk = TmpfsMount.Create(_temp.Path, sizeKb: 64);
        var path = Path.Combine(disk.Path, "full.tif");
        using var dataset = WriteInCache(path);

        var error = Assert.Throws<GdalException>(dataset.Close);

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.True(dataset.IsDisposed);
        dataset.Close(); // closed: nothing left to report
    }

    [Fact]
    public void FlushCache_reports_blocks_that_cannot_be_written()
    {
        using var disk = TmpfsMount.Create(_temp.Path, sizeKb: 64);
        var path = Path.Combine(disk.Path, "full.tif");
        using var dataset = WriteInCache(path);

        var error = Assert.Throws<GdalException>(dataset.FlushCache);

        Assert.Contains($"Cannot write '{path}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_of_a_file_with_room_succeeds_and_the_pixels_are_on_disk()
    {
        var path = _temp.File("ok.tif");
        using (var dataset = WriteInCache(path))
        {
            dataset.Close();
            dataset.Close();
        }

        using var reopened = GdalDataset.Open(path);
        var values = new float[Size * Size];
        reopened.GetBand(1).Read<float>(0, 0, Size, Size, values);
        Assert.Equal(Pixels(), values);
    }

    /// <summary>An uncompressed float32 GeoTIFF whose 256 KiB of pixels are written into GDAL's block cache, not yet to the file.</summary>
    private static GdalDataset WriteInCache(string path)
    {
        var dataset = GdalDataset.Create("GTiff", path, Size, Size, 1, GdalDataType.Float32, ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256"]);
        dataset.GetBand(1).Write<float>(0, 0, Size, Size, Pixels());
        return dataset;
    }

    private static float[] Pixels() => [.. Enumerable.Range(0, Size * Size).Select(i => (float)(i % 977) / 7)];
}
