using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Testing.Python;

namespace Axion.TileBuilder.Output.Tests.Npz;

public class NpyHeaderTests
{
    private static readonly (string Descr, int[] Shape)[] Cases =
    [
        ("<f4", [256, 256]),
        ("|u1", [3]),
        ("<u2", [2, 3, 4]),
        ("<i2", []),
        ("<U5", []),
        ("<U1", []),
        ("<f4", [0]),
        ("<f4", [1]),
        ("<f4", [100000, 3]),
        ("<i2", [7, 0, 2]),
        ("<f4", [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]),
        ("<U123", [4, 5]),
    ];

    [Fact]
    public void Header_bytes_are_identical_to_numpy_for_several_dtypes_and_shapes()
    {
        var spec = JsonSerializer.Serialize(Cases.Select(c => new object[] { c.Descr, c.Shape }).ToArray());
        const string Script = """
            import io, json, sys
            import numpy as np
            out = []
            for descr, shape in json.loads(sys.argv[1]):
                shape = tuple(shape)
                h = io.BytesIO()
                np.lib.format.write_array_header_1_0(h, {'descr': descr, 'fortran_order': False, 'shape': shape})
                header = h.getvalue()
                s = io.BytesIO()
                np.save(s, np.zeros(shape, dtype=np.dtype(descr)))
                saved = s.getvalue()[:len(header)]
                out.append([header.hex(), saved.hex()])
            print(json.dumps(out))
            """;
        var result = JsonSerializer.Deserialize<string[][]>(PythonNumpy.RunChecked(Script, spec))!;
        Assert.Equal(Cases.Length, result.Length);
        for (var i = 0; i < Cases.Length; i++)
        {
            var ours = NpyFormat.BuildHeader(Cases[i].Descr, Cases[i].Shape);
            var label = $"{Cases[i].Descr} {string.Join('x', Cases[i].Shape)}: ours {Encoding.Latin1.GetString(ours)}";
            Assert.True(Convert.ToHexStringLower(ours) == result[i][0], label);
            Assert.True(Convert.ToHexStringLower(ours) == result[i][1], label);
            Assert.Equal(0, ours.Length % NpyFormat.Alignment);
            Assert.Equal((byte)'\n', ours[^1]);
        }
    }

    [Fact]
    public void WriteHeader_then_ReadHeader_round_trips_and_data_offset_is_64_aligned()
    {
        foreach (var (descr, shape) in Cases)
        {
            using var stream = new MemoryStream();
            NpyFormat.WriteHeader(stream, descr, shape);
            stream.WriteByte(0xAB);
            stream.Position = 0;
            var header = NpyFormat.ReadHeader(stream);
            Assert.Equal(descr, header.Descr);
            Assert.Equal(shape, header.Shape);
            Assert.Equal(1, header.MajorVersion);
            Assert.Equal(0, header.DataOffset % 64);
            Assert.Equal(header.DataOffset, stream.Position);
            Assert.Equal(0xAB, stream.ReadByte());
        }
    }

    [Fact]
    public void Header_text_is_the_numpy_dict_literal()
    {
        var bytes = NpyFormat.BuildHeader("<f4", [256, 256]);
        var text = Encoding.Latin1.GetString(bytes, 10, bytes.Length - 10);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (256, 256), }", text);
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        Assert.Equal(1, bytes[6]);
        Assert.Equal(0, bytes[7]);
        Assert.Equal(bytes.Length - 10, bytes[8] | (bytes[9] << 8));
        Assert.EndsWith(" \n", text);
    }

    [Theory]
    [InlineData("{\"descr\": \"<u2\", \"shape\": (2,3,), \"fortran_order\": False}", "<u2", new[] { 2, 3 })]
    [InlineData("{'shape': (5L,), 'fortran_order': False, 'descr': '|u1'}", "|u1", new[] { 5 })]
    [InlineData("{'descr':'<i2','fortran_order':False,'shape':()}", "<i2", new int[0])]
    public void ReadHeader_accepts_other_key_orders_and_quoting(string dict, string descr, int[] shape)
    {
        var header = NpyFormat.ReadHeader(new MemoryStream(RawHeader(dict)));
        Assert.Equal(descr, header.Descr);
        Assert.Equal(shape, header.Shape);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", "fortran_order is True")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }", "big-endian")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", "pickle")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", "'<f8'")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", "structured")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, }", "lacks")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "dimension")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}", "Unexpected key 'x'")]
    public void ReadHeader_rejects_unsupported_headers_clearly(string dict, string expected)
    {
        var ex = Assert.Throws<NpyFormatException>(() => NpyFormat.ReadHeader(new MemoryStream(RawHeader(dict))));
        Assert.Contains(expected, ex.Message);
        Assert.Equal(Errors.FailureKind.Permanent, ex.Kind);
    }

    [Fact]
    public void ReadHeader_rejects_bad_magic_and_truncation()
    {
        var bad = NpyFormat.BuildHeader("<f4", [2]);
        bad[1] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<NpyFormatException>(() => NpyFormat.ReadHeader(new MemoryStream(bad))).Message);
        var good = NpyFormat.BuildHeader("<f4", [2]);
        Assert.Contains("truncated", Assert.Throws<NpyFormatException>(() => NpyFormat.ReadHeader(new MemoryStream(good[..20]))).Message);
        Assert.Contains("truncated", Assert.Throws<NpyFormatException>(() => NpyFormat.ReadArray(new MemoryStream([.. good, 1, 2, 3]))).Message);
    }

    [Fact]
    public void BuildHeader_rejects_unsupported_dtypes_and_negative_dimensions()
    {
        Assert.Throws<NpyFormatException>(() => NpyFormat.BuildHeader("<f8", [2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NpyFormat.BuildHeader("<f4", [2, -1]));
    }

    private static byte[] RawHeader(string dict)
    {
        var text = Encoding.Latin1.GetBytes(dict + "\n");
        var bytes = new byte[10 + text.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        bytes[8] = (byte)(text.Length & 0xFF);
        bytes[9] = (byte)(text.Length >> 8);
        text.CopyTo(bytes, 10);
        return bytes;
    }
}
