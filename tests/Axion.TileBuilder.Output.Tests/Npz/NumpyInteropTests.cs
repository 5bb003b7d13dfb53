using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Testing.Python;

namespace Axion.TileBuilder.Output.Tests.Npz;

public class NumpyInteropTests
{
    private const string Meta = "{\"city\": \"São Paulo\", \"other\": \"Zürich\", \"emoji\": \"😀\", \"quote\": \"a'b\\\"c\"}";

    /// <summary>Loads an npz with np.load (allow_pickle left at its default, False) and describes every array.</summary>
    private const string DescribeScript = """
        import hashlib, json, sys, zipfile
        import numpy as np
        path = sys.argv[1]
        d = np.load(path)
        out = {"keys": sorted(d.files), "arrays": {}}
        for k in d.files:
            a = d[k]
            info = {"dtype": a.dtype.str, "shape": list(a.shape), "sha256": hashlib.sha256(a.tobytes()).hexdigest()}
            if a.dtype.kind == "U":
                info["value"] = str(a)
            out["arrays"][k] = info
        out["meta_parsed"] = json.loads(str(d["meta"])) if "meta" in d.files else None
        with zipfile.ZipFile(path) as z:
            out["compress_types"] = sorted({i.compress_type for i in z.infolist()})
            out["names"] = [i.filename for i in z.infolist()]
        print(json.dumps(out, ensure_ascii=True))
        """;

    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Numpy_loads_what_we_write_with_exact_values(bool compressed)
    {
        using var dir = new TempDirectory();
        var path = dir.File("arrays.npz");
        var f2 = new float[] { 0f, -0f, 1.5f, float.MaxValue, float.MinValue, float.Epsilon, float.PositiveInfinity, float.NegativeInfinity, 3.25e-7f, -123.456f, 0.1f, 42f, 7f, 8f, 9f };
        var f1 = Enumerable.Range(0, 17).Select(i => (i * 0.37f) - 2f).ToArray();
        var f3 = Enumerable.Range(0, 24).Select(i => (float)Math.Sin(i)).ToArray();
        var u8 = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var u16 = new ushort[] { 0, 1, 255, 256, 32768, 65535 };
        var i16 = Enumerable.Range(0, 2 * 3 * 4).Select(i => (short)((i * 2731) - 32768)).ToArray();
        var scalar = new[] { 2.5f };

        using (var writer = NpzWriter.Create(path, compressed))
        {
            writer.Add("f2", f2, 3, 5);
            writer.Add("f1", f1, 17);
            writer.Add("f3", f3, 2, 3, 4);
            writer.Add("u8", u8, 16, 16);
            writer.Add("u16", u16, 6);
            writer.Add("i16", i16, 2, 3, 4);
            writer.Add("scalar", scalar);
            writer.Add("empty_f", ReadOnlySpan<float>.Empty, 0, 3);
            writer.AddString("meta", Meta);
            writer.AddString("blank", string.Empty);
            writer.Commit();
        }

        using (var ours = NpzReader.Open(path))
        {
            Assert.All(ours.Keys, k => Assert.Equal(0, ours.GetHeader(k).DataOffset % 64));
            Assert.Equal(f2, ours.Get("f2").AsFloat32());
            Assert.Equal(i16, ours.Get("i16").AsInt16());
            Assert.Equal(Meta, ours.Get("meta").AsString());
        }

        using var doc = JsonDocument.Parse(PythonNumpy.RunChecked(DescribeScript, path));
        var root = doc.RootElement;
        Assert.Equal(
            new[] { "blank", "empty_f", "f1", "f2", "f3", "i16", "meta", "scalar", "u16", "u8" },
            root.GetProperty("keys").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(compressed ? 8 : 0, root.GetProperty("compress_types").EnumerateArray().Single().GetInt32());
        Assert.Contains("f2.npy", root.GetProperty("names").EnumerateArray().Select(e => e.GetString()));

        var arrays = root.GetProperty("arrays");
        AssertArray(arrays, "f2", "<f4", [3, 5], Sha(f2));
        AssertArray(arrays, "f1", "<f4", [17], Sha(f1));
        AssertArray(arrays, "f3", "<f4", [2, 3, 4], Sha(f3));
        AssertArray(arrays, "u8", "|u1", [16, 16], Sha(u8));
        AssertArray(arrays, "u16", "<u2", [6], Sha(u16));
        AssertArray(arrays, "i16", "<i2", [2, 3, 4], Sha(i16));
        AssertArray(arrays, "scalar", "<f4", [], Sha(scalar));
        AssertArray(arrays, "empty_f", "<f4", [0, 3], Sha(Array.Empty<float>()));
        Assert.Equal(Meta, arrays.GetProperty("meta").GetProperty("value").GetString());
        Assert.Equal("<U" + Meta.EnumerateRunes().Count(), arrays.GetProperty("meta").GetProperty("dtype").GetString());
        Assert.Equal(0, arrays.GetProperty("meta").GetProperty("shape").GetArrayLength());
        Assert.Equal(string.Empty, arrays.GetProperty("blank").GetProperty("value").GetString());
        var meta = root.GetProperty("meta_parsed");
        Assert.Equal("São Paulo", meta.GetProperty("city").GetString());
        Assert.Equal("Zürich", meta.GetProperty("other").GetString());
        Assert.Equal("😀", meta.GetProperty("emoji").GetString());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Our_reader_reads_what_numpy_writes_with_exact_values(bool compressed)
    {
        using var dir = new TempDirectory();
        var path = dir.File("numpy.npz");
        const string Script = """
            import sys
            import numpy as np
            arrays = dict(
                f=(np.arange(60, dtype='<f4').reshape(3, 4, 5) * np.float32(0.25) - np.float32(7)),
                u8=np.arange(256, dtype='|u1'),
                u16=np.arange(0, 65536, 257, dtype='<u2').reshape(16, 16),
                i16=np.arange(-32768, 32768, 4096, dtype='<i2').reshape(2, 8),
                scalar=np.float32(-1.25),
                meta=np.array('Zürich – São Paulo 😀'),
            )
            (np.savez_compressed if sys.argv[2] == '1' else np.savez)(sys.argv[1], **arrays)
            """;
        PythonNumpy.RunChecked(Script, path, compressed ? "1" : "0");

        using var npz = NpzReader.Open(path);
        Assert.Equal(new[] { "f", "i16", "meta", "scalar", "u16", "u8" }, npz.Keys.Order(StringComparer.Ordinal).ToArray());
        var f = npz.Get("f");
        Assert.Equal(NpyDtype.Float32, f.Dtype);
        Assert.Equal(new[] { 3, 4, 5 }, f.Shape);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (i * 0.25f) - 7f).ToArray(), f.AsFloat32());
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), npz.Get("u8").AsUInt8());
        var u16 = npz.Get("u16");
        Assert.Equal(new[] { 16, 16 }, u16.Shape);
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (ushort)(i * 257)).ToArray(), u16.AsUInt16());
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (short)(-32768 + (i * 4096))).ToArray(), npz.Get("i16").AsInt16());
        var scalar = npz.Get("scalar");
        Assert.Empty(scalar.Shape);
        Assert.Equal(new[] { -1.25f }, scalar.AsFloat32());
        Assert.Equal("Zürich – São Paulo 😀", npz.Get("meta").AsString());
        Assert.True(npz.Contains("u8"));
        Assert.False(npz.Contains("u8.npy"));
        Assert.All(npz.Keys, k => Assert.Equal(0, npz.GetHeader(k).DataOffset % 64));
    }

    [Fact]
    public void Our_reader_rejects_numpy_files_outside_the_subset()
    {
        using var dir = new TempDirectory();
        const string Script = """
            import sys
            import numpy as np
            d = sys.argv[1]
            np.savez(d + '/fortran.npz', a=np.asfortranarray(np.zeros((2, 3), dtype='<f4')))
            np.savez(d + '/big.npz', a=np.zeros((4,), dtype='>f4'))
            np.savez(d + '/pickle.npz', a=np.array([{'x': 1}, None], dtype=object))
            np.savez(d + '/f8.npz', a=np.zeros((4,), dtype='<f8'))
            with open(d + '/v2.npy', 'wb') as f:
                np.lib.format.write_array(f, np.arange(5, dtype='<i2'), version=(2, 0))
            with open(d + '/v3.npy', 'wb') as f:
                np.lib.format.write_array(f, np.arange(3, dtype='<u2'), version=(3, 0))
            """;
        PythonNumpy.RunChecked(Script, dir.Path);

        (string File, string Expected)[] cases =
        [
            ("fortran.npz", "fortran_order is True"),
            ("big.npz", "big-endian"),
            ("pickle.npz", "pickle"),
            ("f8.npz", "'<f8'"),
        ];
        foreach (var (file, expected) in cases)
        {
            using var npz = NpzReader.Open(dir.File(file));
            var ex = Assert.Throws<NpyFormatException>(() => npz.Get("a"));
            Assert.Contains(expected, ex.Message);
            Assert.Contains(file, ex.Message);
        }

        using (var v2 = File.OpenRead(dir.File("v2.npy")))
        {
            var array = NpyFormat.ReadArray(v2);
            Assert.Equal(2, array.Header.MajorVersion);
            Assert.Equal(new short[] { 0, 1, 2, 3, 4 }, array.AsInt16());
        }

        using (var v3 = File.OpenRead(dir.File("v3.npy")))
        {
            var array = NpyFormat.ReadArray(v3);
            Assert.Equal(3, array.Header.MajorVersion);
            Assert.Equal(new ushort[] { 0, 1, 2 }, array.AsUInt16());
        }
    }

    private static void AssertArray(JsonElement arrays, string key, string dtype, int[] shape, string sha)
    {
        var info = arrays.GetProperty(key);
        Assert.Equal(dtype, info.GetProperty("dtype").GetString());
        Assert.Equal(shape, info.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(sha, info.GetProperty("sha256").GetString());
    }

    private static string Sha<T>(T[] values)
        where T : unmanaged
        => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));
}
