using Axion.TileBuilder.Gdal.Tests.Support;

namespace Axion.TileBuilder.Gdal.Tests;

public sealed class SafeHandleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Disposing_twice_is_harmless_and_a_band_of_a_disposed_dataset_throws_ObjectDisposedException()
    {
        var path = TestRasters.WriteUInt16GeoTiff(_temp.File("a.tif"), 16, 16);
        var dataset = GdalDataset.Open(path);
        var band = dataset.GetBand(1);
        var buffer = new ushort[4];
        band.Read<ushort>(0, 0, 2, 2, buffer);
        Assert.Equal(TestRasters.UInt16Value(1, 1), buffer[3]);

        dataset.Dispose();
        dataset.Dispose();
        Assert.True(dataset.IsDisposed);

        Assert.Throws<ObjectDisposedException>(() => band.Read<ushort>(0, 0, 2, 2, buffer));
        Assert.Throws<ObjectDisposedException>(() => band.Write<ushort>(0, 0, 2, 2, buffer));
        Assert.Throws<ObjectDisposedException>(() => band.DataType);
        Assert.Throws<ObjectDisposedException>(() => band.BlockSize);
        Assert.Throws<ObjectDisposedException>(() => band.NoDataValue);
        Assert.Throws<ObjectDisposedException>(() => band.GetMetadataItem("X"));
        Assert.Throws<ObjectDisposedException>(() => dataset.GetBand(1));
        Assert.Throws<ObjectDisposedException>(() => dataset.GeoTransform);
        Assert.Throws<ObjectDisposedException>(() => dataset.ProjectionWkt);
        Assert.Throws<ObjectDisposedException>(() => dataset.GetMetadata());
        Assert.Throws<ObjectDisposedException>(() => dataset.CreateCopy("MEM", ""));
    }

    [Fact]
    public void Srs_and_transform_dispose_twice_and_then_throw_ObjectDisposedException()
    {
        var srs = SpatialReference.FromEpsg(4326);
        var target = SpatialReference.FromEpsg(32633);
        var transform = CoordinateTransform.Create(srs, target);
        srs.Dispose();
        target.Dispose();
        srs.Dispose();

        // The transformation copied the CRSs: it still works.
        var (e, _) = transform.Transform(15, 48);
        Assert.Equal(500000, e, 1e-6);

        transform.Dispose();
        transform.Dispose();
        Assert.Throws<ObjectDisposedException>(() => transform.Transform(15, 48));
        Assert.Throws<ObjectDisposedException>(() => srs.ToWkt());
    }

    [Fact]
    public void A_written_file_is_complete_after_dispose()
    {
        var path = _temp.File("w.tif");
        var dataset = GdalDataset.Create("GTiff", path, 8, 8, 1, GdalDataType.Byte);
        dataset.GetBand(1).Write<byte>(0, 0, 8, 8, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
        dataset.FlushCache();
        dataset.Dispose();

        using var reopened = GdalDataset.Open(path);
        var buffer = new byte[64];
        reopened.GetBand(1).Read<byte>(0, 0, 8, 8, buffer);
        Assert.Equal(Enumerable.Range(0, 64).Select(i => (byte)i), buffer);
        Assert.False(File.Exists(path + ".aux.xml"));
    }
}
