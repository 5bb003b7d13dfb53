using System.Text.Json;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Options;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Tests.Support;
using Axion.TileBuilder.Pipeline.Tiles;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Tests.Tiles;

public sealed class TileWriterTests : IDisposable
{
    private const int TileSize = 256;
    private const int Aoi = 2 * TileSize;

    private const string S2Json = """
        {"type":"Feature","stac_version":"1.0.0","id":"S2B_MSIL2A_20240612T104619_R051_T31UDQ_20240612T134538",
         "collection":"sentinel-2-l2a","bbox":[1.5,48.3,3.1,49.3],"geometry":null,
         "properties":{"datetime":"2024-06-12T10:46:19.024000Z","eo:cloud_cover":12.5,"s2:processing_baseline":"05.10","proj:epsg":32631},
         "assets":{"B04":{"href":"https://example.test/B04.tif","type":"image/tiff; application=geotiff; profile=cloud-optimized"}},"links":[]}
        """;

    private const string S1Json = """
        {"type":"Feature","stac_version":"1.0.0","id":"S1A_IW_GRDH_1SDV_20240614T055013_20240614T055038_054300_069A8B_rtc",
         "collection":"sentinel-1-rtc","geometry":null,
         "properties":{"datetime":"2024-06-14T05:50:25.500000Z","sar:polarizations":["VV","VH"]},
         "assets":{"vv":{"href":"https://example.test/vv.tif"},"vh":{"href":"https://example.test/vh.tif"}},"links":[]}
        """;

    private readonly TempDirectory _dir = new();
    private readonly LocationRow _row = new("paris-1", 2, 48.8566, 2.3522);
    private readonly AoiGrid _grid;
    private readonly TileContext _context;

    public TileWriterTests()
    {
        _grid = AoiGridPlanner.Plan(_row, 2, 2, TileSize, 10);
        _context = new TileContext(
            _row,
            _grid,
            StacItemParser.Parse(S2Json),
            StacItemParser.Parse(S1Json),
            1.7969,
            "pc-baseline-0400-offset",
            0.9512,
            "9.9.9-test");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Value of band <paramref name="b"/> (0..5 in file order) at AOI pixel (x, y); exact in float32.</summary>
    private static float Value(int b, int x, int y) => ((b + 1) * 1_000_000) + (y * 1000) + x;

    [Theory]
    [InlineData(1, 2, 2)] // one row alone uses every core
    [InlineData(2, 2, 1)]
    [InlineData(8, 2, 1)] // --workers 8 on 2 cores: one thread per row's tiles, not 16
    [InlineData(4, 16, 4)]
    [InlineData(3, 16, 5)]
    public void A_rows_tiles_are_written_on_the_cores_left_per_worker(int workers, int processors, int expected)
    {
        Assert.Equal(expected, TileWriter.Parallelism(workers, processors));
    }

    [Fact]
    public void Writes_valid_tiles_and_rejects_the_one_below_min_valid()
    {
        var bands = Bands();
        // Tile (1, 0): 20% of its pixels (52 of 256 rows in one S2 band) NaN -> rejected at min valid 0.9.
        for (var y = TileSize; y < TileSize + 52; y++)
        {
            for (var x = 0; x < TileSize; x++)
            {
                bands.S2[1][(y * Aoi) + x] = float.NaN;
            }
        }

        // Tile (0, 1): 5% NaN in VH (13 rows) -> written, NaN kept, valid fraction 243/256.
        for (var y = 0; y < 13; y++)
        {
            for (var x = TileSize; x < Aoi; x++)
            {
                bands.S1Vh[(y * Aoi) + x] = float.NaN;
            }
        }

        var writer = new TileWriter(_dir.Path, new BuildOptions());
        var (tiles, rejected) = writer.WriteAll(bands, _context, CancellationToken.None);

        Assert.Equal(3, tiles.Count);
        Assert.Equal(new Dictionary<string, int> { ["valid_fraction_below_min"] = 1 }, rejected);
        Assert.Equal(["tile_paris-1_0_0.npz", "tile_paris-1_0_1.npz", "tile_paris-1_1_1.npz"], tiles.Select(t => t.File).ToArray());
        Assert.Equal(
            ["tile_paris-1_0_0.npz", "tile_paris-1_0_1.npz", "tile_paris-1_1_1.npz"],
            Directory.EnumerateFiles(_dir.Path).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1.0, tiles[0].ValidFraction);
        Assert.Equal(Math.Round(243.0 / 256, 6), tiles[1].ValidFraction);

        foreach (var tile in tiles)
        {
            using var npz = NpzReader.Open(Path.Combine(_dir.Path, tile.File));
            Assert.Equal(["s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8", "meta"], npz.Keys.ToArray());
            for (var b = 0; b < TileWriter.BandKeys.Count; b++)
            {
                var array = npz.Get(TileWriter.BandKeys[b]);
                Assert.Equal(NpyDtype.Float32, array.Dtype);
                Assert.Equal([TileSize, TileSize], array.Shape.ToArray());
                var values = array.AsFloat32();
                for (var r = 0; r < TileSize; r++)
                {
                    for (var c = 0; c < TileSize; c++)
                    {
                        var x = (tile.TileCol * TileSize) + c;
                        var y = (tile.TileRow * TileSize) + r;
                        var expected = b == 1 && tile.TileRow == 0 && tile.TileCol == 1 && r < 13 ? float.NaN : Value(b, x, y);
                        var actual = values[(r * TileSize) + c];
                        if (!expected.Equals(actual))
                        {
                            Assert.Fail($"{tile.File} {TileWriter.BandKeys[b]} ({c},{r}): expected {expected}, got {actual}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Meta_json_describes_the_tile_and_its_scenes()
    {
        var writer = new TileWriter(_dir.Path, new BuildOptions());
        var (tiles, rejected) = writer.WriteAll(Bands(), _context, CancellationToken.None);

        Assert.Empty(rejected);
        Assert.Equal(4, tiles.Count);
        foreach (var tile in tiles)
        {
            using var npz = NpzReader.Open(Path.Combine(_dir.Path, tile.File));
            using var meta = JsonDocument.Parse(npz.Get("meta").AsString());
            var m = meta.RootElement;
            Assert.Equal("EPSG:32631", m.GetProperty("crs").GetString());
            Assert.Equal(_grid.Epsg, tile.Epsg);
            Assert.Equal(
                _grid.TileGeoTransform(tile.TileRow, tile.TileCol),
                m.GetProperty("geotransform").EnumerateArray().Select(v => v.GetDouble()).ToArray());
            Assert.Equal("paris-1", m.GetProperty("row_id").GetString());
            Assert.Equal(tile.TileRow, m.GetProperty("tile_row").GetInt32());
            Assert.Equal(tile.TileCol, m.GetProperty("tile_col").GetInt32());
            Assert.Equal(TileSize, m.GetProperty("width").GetInt32());
            Assert.Equal(TileSize, m.GetProperty("height").GetInt32());
            Assert.Equal("S2B_MSIL2A_20240612T104619_R051_T31UDQ_20240612T134538", m.GetProperty("s2_item").GetString());
            Assert.Equal("S1A_IW_GRDH_1SDV_20240614T055013_20240614T055038_054300_069A8B_rtc", m.GetProperty("s1_item").GetString());
            Assert.Equal("sentinel-2-l2a", m.GetProperty("s2_collection").GetString());
            Assert.Equal("sentinel-1-rtc", m.GetProperty("s1_collection").GetString());
            Assert.Equal("05.10", m.GetProperty("s2_processing_baseline").GetString());
            Assert.Equal(12.5, m.GetProperty("s2_cloud_cover").GetDouble());
            Assert.Equal("pc-baseline-0400-offset", m.GetProperty("offset_rule").GetString());
            Assert.Equal(1.7969, m.GetProperty("delta_days").GetDouble());
            Assert.Equal(0.9512, m.GetProperty("aoi_clear_fraction").GetDouble());
            Assert.Equal(1.0, m.GetProperty("valid_fraction").GetDouble());
            Assert.Equal("9.9.9-test", m.GetProperty("tool_version").GetString());
            Assert.Equal(DateTimeOffset.Parse("2024-06-12T10:46:19.024Z"), DateTimeOffset.Parse(m.GetProperty("s2_datetime").GetString()!));

            var b = _grid.TileBounds(tile.TileRow, tile.TileCol);
            Assert.Equal([b.MinX, b.MinY, b.MaxX, b.MaxY], tile.Bounds);
            Assert.Equal(tile.Bounds, m.GetProperty("bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray());
            Assert.Equal(5, tile.FootprintLonLat.Length);
            Assert.Equal(tile.FootprintLonLat[0], tile.FootprintLonLat[4]);
            var lonlat = m.GetProperty("lonlat_bounds").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.InRange(_row.Longitude, lonlat[0] - 0.05, lonlat[2] + 0.05);
            Assert.InRange(_row.Latitude, lonlat[1] - 0.05, lonlat[3] + 0.05);
        }

        // The four tiles tile the AOI: their bounds meet at the AOI centre.
        Assert.Equal(tiles[0].Bounds[2], tiles[1].Bounds[0]);
        Assert.Equal(tiles[0].Bounds[1], tiles[2].Bounds[3]);
        Assert.Equal(_grid.OriginX, tiles[0].Bounds[0]);
        Assert.Equal(_grid.OriginY, tiles[0].Bounds[3]);
    }

    [Fact]
    public void IncludeScl_and_IncludeValidMask_add_the_scl_and_valid_arrays()
    {
        var bands = Bands();
        bands.S1Vv[(5 * Aoi) + 7] = float.NaN; // tile (0, 0), pixel (7, 5)
        bands.S2[3][(300 * Aoi) + 400] = float.PositiveInfinity; // tile (1, 1), pixel (144, 44)
        var writer = new TileWriter(_dir.Path, new BuildOptions { IncludeScl = true, IncludeValidMask = true, Compressed = false });

        var (tiles, _) = writer.WriteAll(bands, _context, CancellationToken.None);

        Assert.Equal(4, tiles.Count);
        foreach (var tile in tiles)
        {
            using var npz = NpzReader.Open(Path.Combine(_dir.Path, tile.File));
            Assert.Equal(["s1_vv", "s1_vh", "s2_b2", "s2_b3", "s2_b4", "s2_b8", "s2_scl", "valid", "meta"], npz.Keys.ToArray());
            var scl = npz.Get("s2_scl");
            var valid = npz.Get("valid");
            Assert.Equal(NpyDtype.UInt8, scl.Dtype);
            Assert.Equal(NpyDtype.UInt8, valid.Dtype);
            Assert.Equal([TileSize, TileSize], scl.Shape.ToArray());
            Assert.Equal([TileSize, TileSize], valid.Shape.ToArray());
            var sclValues = scl.AsUInt8();
            var validValues = valid.AsUInt8();
            for (var r = 0; r < TileSize; r++)
            {
                for (var c = 0; c < TileSize; c++)
                {
                    var x = (tile.TileCol * TileSize) + c;
                    var y = (tile.TileRow * TileSize) + r;
                    Assert.Equal(Scl(x, y), sclValues[(r * TileSize) + c]);
                    var invalid = (x == 7 && y == 5) || (x == 400 && y == 300);
                    Assert.Equal(invalid ? 0 : 1, validValues[(r * TileSize) + c]);
                }
            }
        }

        Assert.Equal(Math.Round(65535.0 / 65536, 6), tiles[0].ValidFraction);
        Assert.Equal(1.0, tiles[1].ValidFraction);
        Assert.Equal(Math.Round(65535.0 / 65536, 6), tiles[3].ValidFraction);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    public void The_compression_level_is_the_zip_entries_level_and_never_changes_the_arrays(int level)
    {
        var stored = Path.Combine(_dir.Path, "stored");
        var deflated = Path.Combine(_dir.Path, "deflated");
        var (storedTiles, _) = new TileWriter(stored, new BuildOptions { Compressed = false }).WriteAll(Bands(), _context, CancellationToken.None);
        var (tiles, _) = new TileWriter(deflated, new BuildOptions { CompressionLevel = level }).WriteAll(Bands(), _context, CancellationToken.None);

        Assert.Equal(storedTiles.Select(t => t.File), tiles.Select(t => t.File));
        foreach (var tile in tiles)
        {
            using var plain = NpzReader.Open(Path.Combine(stored, tile.File));
            using var npz = NpzReader.Open(Path.Combine(deflated, tile.File));
            Assert.Equal(plain.Keys, npz.Keys);
            foreach (var key in TileWriter.BandKeys)
            {
                Assert.Equal(plain.Get(key).AsFloat32(), npz.Get(key).AsFloat32());
            }

            // The bytes are those of an entry deflated at this level: the same data zipped here at that level gives them back.
            using var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(deflated, tile.File));
            var entry = zip.GetEntry("s2_b2.npy")!;
            using var raw = System.IO.Compression.ZipFile.OpenRead(Path.Combine(stored, tile.File));
            var npy = ReadAll(raw.GetEntry("s2_b2.npy")!.Open());
            using var expected = new MemoryStream();
            var writer = new Output.IO.ZipWriter(expected);
            using (var alone = writer.BeginEntry("s2_b2.npy", level))
            {
                alone.Write(npy);
            }

            writer.Finish();
            using var expectedZip = new System.IO.Compression.ZipArchive(new MemoryStream(expected.ToArray()), System.IO.Compression.ZipArchiveMode.Read);
            Assert.Equal(expectedZip.GetEntry("s2_b2.npy")!.CompressedLength, entry.CompressedLength);
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(5, 4)] // 20 tiles: the first 16 deflated ahead, the last 4 when written
    public void Tiles_written_with_their_sentinel2_arrays_deflated_ahead_are_the_bytes_of_tiles_written_at_once(int tilesX, int tilesY)
    {
        const int size = 32;
        var grid = AoiGridPlanner.Plan(_row, tilesX, tilesY, size, 10);
        var context = _context with { Grid = grid };
        var n = grid.Width * grid.Height;
        var bands = new BandSet(
            [.. Enumerable.Range(0, n).Select(i => -12f - (i % 97 / 10f))],
            [.. Enumerable.Range(0, n).Select(i => -19f - (i % 89 / 10f))],
            [.. Enumerable.Range(0, 4).Select(b => Enumerable.Range(0, n).Select(i => 0.05f + (b / 100f) + (i % 113 / 1000f)).ToArray())],
            new byte[n]);
        bands.S2[0][(3 * grid.Width) + 5] = float.NaN; // the first tile keeps a masked pixel
        for (var i = n - (size * grid.Width); i < n; i++)
        {
            bands.S1Vh[i] = float.NaN; // the last row of tiles is rejected: its tiles were deflated ahead for nothing
        }

        var atOnce = Path.Combine(_dir.Path, "at-once");
        var ahead = Path.Combine(_dir.Path, "ahead");
        var (expected, expectedRejected) = new TileWriter(atOnce, new BuildOptions()).WriteAll(bands, context, CancellationToken.None);
        var writer = new TileWriter(ahead, new BuildOptions());
        var deflated = writer.DeflateAhead(bands.S2, bands.S2Bands, grid, CancellationToken.None);
        var selection = writer.Select(bands, grid);
        var (tiles, rejected) = writer.WriteAll(bands, context, selection, deflated, CancellationToken.None);

        Assert.Equal(Math.Min(tilesX * tilesY, TileWriter.MaxTilesAhead), deflated.Tiles);
        Assert.Equal(tilesX, selection.Rejected);
        Assert.Equal(expectedRejected, rejected);
        Assert.Equal(tilesX * (tilesY - 1), tiles.Count);
        Assert.Equal(expected.Select(t => t.File), tiles.Select(t => t.File));
        Assert.Equal(expected.Select(t => t.ValidFraction), tiles.Select(t => t.ValidFraction));
        foreach (var tile in tiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(atOnce, tile.File)), File.ReadAllBytes(Path.Combine(ahead, tile.File)));
        }
    }

    [Fact]
    public void GeoTiff_format_writes_a_georeferenced_six_band_copy_of_each_tile()
    {
        var writer = new TileWriter(_dir.Path, new BuildOptions { GeoTiff = true });

        var (tiles, _) = writer.WriteAll(Bands(), _context, CancellationToken.None);

        Assert.Equal(4, tiles.Count);
        foreach (var tile in tiles)
        {
            var tif = Path.Combine(_dir.Path, Path.ChangeExtension(tile.File, ".tif"));
            using var ds = Gdal.GdalDataset.Open(tif);
            Assert.Equal(6, ds.BandCount);
            Assert.Equal(TileSize, ds.Width);
            Assert.Equal(_grid.Epsg, ds.Epsg);
            Assert.Equal(_grid.TileGeoTransform(tile.TileRow, tile.TileCol), ds.GeoTransform.ToArray());
            Assert.Equal("s1_vv,s1_vh,s2_b2,s2_b3,s2_b4,s2_b8", ds.GetMetadataItem("BANDS"));
            using var npz = NpzReader.Open(Path.Combine(_dir.Path, tile.File));
            for (var b = 0; b < 6; b++)
            {
                var values = new float[TileSize * TileSize];
                ds.GetBand(b + 1).Read<float>(0, 0, TileSize, TileSize, values);
                Assert.Equal(npz.Get(TileWriter.BandKeys[b]).AsFloat32(), values);
            }
        }

        Assert.Empty(Directory.GetFiles(_dir.Path, ".*"));
    }

    [Fact]
    public void Cancelled_token_writes_nothing()
    {
        var writer = new TileWriter(_dir.Path, new BuildOptions());
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => writer.WriteAll(Bands(), _context, cts.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    private static byte Scl(int x, int y) => (byte)((x + (3 * y)) % 12);

    private static BandSet Bands()
    {
        float[] Band(int b)
        {
            var data = new float[Aoi * Aoi];
            for (var y = 0; y < Aoi; y++)
            {
                for (var x = 0; x < Aoi; x++)
                {
                    data[(y * Aoi) + x] = Value(b, x, y);
                }
            }

            return data;
        }

        var scl = new byte[Aoi * Aoi];
        for (var y = 0; y < Aoi; y++)
        {
            for (var x = 0; x < Aoi; x++)
            {
                scl[(y * Aoi) + x] = Scl(x, y);
            }
        }

        return new BandSet(Band(0), Band(1), [Band(2), Band(3), Band(4), Band(5)], scl);
    }
}
