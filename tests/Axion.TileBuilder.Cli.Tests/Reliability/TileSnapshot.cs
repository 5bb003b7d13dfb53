using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>Every tile of an out dir, file name to "key:hex bytes" per array (NaN-exact) and the meta string.</summary>
internal static class TileSnapshot
{
    public static Dictionary<string, List<string>> Read(string dir, Func<string, bool>? include = null)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dir, "tile_*.npz"))
        {
            var name = Path.GetFileName(file);
            if (include is not null && !include(name))
            {
                continue;
            }

            using var npz = NpzReader.Open(file);
            var arrays = new List<string>();
            foreach (var key in npz.Keys.Order(StringComparer.Ordinal))
            {
                var array = npz.Get(key);
                arrays.Add(key + ":" + array.Descr + ":" + (key == "meta" ? array.AsString() : Convert.ToHexString(array.RawData)));
            }

            result[name] = arrays;
        }

        return result;
    }

    /// <summary>The tiles of <paramref name="rowIds"/> only (file names <c>tile_&lt;id&gt;_&lt;row&gt;_&lt;col&gt;.npz</c>).</summary>
    public static Dictionary<string, List<string>> OfRows(IReadOnlyDictionary<string, List<string>> tiles, IEnumerable<string> rowIds)
    {
        var prefixes = rowIds.Select(id => "tile_" + id + "_").ToList();
        return tiles.Where(t => prefixes.Any(p => t.Key.StartsWith(p, StringComparison.Ordinal) && IsGridSuffix(t.Key[p.Length..])))
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    /// <summary>Asserts both snapshots hold the same files with byte-identical arrays and metadata.</summary>
    public static void AssertEqual(IReadOnlyDictionary<string, List<string>> expected, IReadOnlyDictionary<string, List<string>> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, arrays) in expected)
        {
            var other = actual[name];
            Assert.Equal(arrays.Count, other.Count);
            for (var i = 0; i < arrays.Count; i++)
            {
                Assert.True(string.Equals(arrays[i], other[i], StringComparison.Ordinal), $"{name}: array '{arrays[i].Split(':')[0]}' differs from the reference");
            }
        }
    }

    // "<row>_<col>.npz" with digits only: keeps "tile_a_0_0" from matching row "a" when another row is "a_0".
    private static bool IsGridSuffix(string rest)
    {
        var parts = rest.Split('_');
        return parts.Length == 2 && parts[0].All(char.IsAsciiDigit) && parts[1].EndsWith(".npz", StringComparison.Ordinal)
            && parts[1][..^4].All(char.IsAsciiDigit) && parts[1].Length > 4;
    }
}
