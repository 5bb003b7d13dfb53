using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Axion.TileBuilder.Gdal.Tests.Support;

namespace Axion.TileBuilder.Gdal.Tests;

public sealed class CogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CreateCopy_to_COG_writes_512_tiles_with_block_offsets_that_point_at_the_tile_bytes()
    {
        const int width = 700, height = 600;
        var path = _temp.File("cog.tif");
        using (var mem = GdalDataset.Create("MEM", "", width, height, 1, GdalDataType.UInt16))
        {
            mem.GeoTransform = TestRasters.Utm33Transform;
            using (var srs = SpatialReference.FromEpsg(32633))
            {
                mem.ProjectionWkt = srs.ToWkt();
            }

            mem.GetBand(1).Write<ushort>(0, 0, width, height, TestRasters.Fill(width, height, CogValue));
            using var cog = mem.CreateCopy("COG", path, ["COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKSIZE=512"]);
            Assert.Equal((width, height), (cog.Width, cog.Height)); // the COG driver hands back the file opened as GTiff
        }

        using var dataset = GdalDataset.Open(path);
        Assert.Equal("GTiff", dataset.DriverShortName);
        Assert.Equal("COG", dataset.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"));
        Assert.Equal("DEFLATE", dataset.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"));
        Assert.Equal(32633, dataset.Epsg);
        var band = dataset.GetBand(1);
        Assert.Equal((512, 512), band.BlockSize);

        var offsetText = band.GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF");
        var sizeText = band.GetMetadataItem("BLOCK_SIZE_0_0", "TIFF");
        Assert.NotNull(offsetText);
        Assert.NotNull(sizeText);
        var offset = long.Parse(offsetText, CultureInfo.InvariantCulture);
        var size = int.Parse(sizeText, CultureInfo.InvariantCulture);
        Assert.True(offset > 0 && size > 0, $"offset {offset}, size {size}");
        Assert.NotNull(band.GetMetadataItem("BLOCK_OFFSET_1_1", "TIFF"));
        Assert.Null(band.GetMetadataItem("BLOCK_OFFSET_2_0", "TIFF"));

        // The tile (0,0) bytes at that offset inflate (zlib) and un-predict to the written values.
        var compressed = new byte[size];
        using (var file = File.OpenRead(path))
        {
            file.Position = offset;
            file.ReadExactly(compressed);
        }

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        Assert.Equal(512 * 512 * 2, raw.Length);
        for (var row = 0; row < 512; row += 37)
        {
            ushort value = 0;
            for (var col = 0; col < 512; col++)
            {
                // PREDICTOR=2: horizontal differencing per row, little-endian UInt16.
                value = unchecked((ushort)(value + BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(((row * 512) + col) * 2))));
                Assert.Equal(CogValue(col, row), value);
            }
        }

        // And GDAL reads the partial edge tile right.
        var edge = new ushort[188 * 88];
        band.Read<ushort>(512, 512, 188, 88, edge);
        Assert.Equal(CogValue(512, 512), edge[0]);
        Assert.Equal(CogValue(699, 599), edge[^1]);
    }

    private static ushort CogValue(int col, int row) => (ushort)(((row * 97) + (col * 13)) % 65521);
}
