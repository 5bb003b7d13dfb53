using Axion.TileBuilder.Output.Npz;

namespace Axion.TileBuilder.Output.Synth;

/// <summary>
/// One synthetic training tile: six float32 size x size bands (<see cref="Keys"/>), the land-cover
/// map they were painted from, and the <c>meta</c> JSON. Made by <see cref="MockTileGenerator"/>.
/// </summary>
public sealed class MockTile
{
    /// <summary>Sentinel-1 VV backscatter, dB.</summary>
    public const string S1Vv = "s1_vv";

    /// <summary>Sentinel-1 VH backscatter, dB.</summary>
    public const string S1Vh = "s1_vh";

    /// <summary>Sentinel-2 B2 (blue) surface reflectance, 0..1.</summary>
    public const string S2B2 = "s2_b2";

    /// <summary>Sentinel-2 B3 (green) surface reflectance, 0..1.</summary>
    public const string S2B3 = "s2_b3";

    /// <summary>Sentinel-2 B4 (red) surface reflectance, 0..1.</summary>
    public const string S2B4 = "s2_b4";

    /// <summary>Sentinel-2 B8 (NIR) surface reflectance, 0..1.</summary>
    public const string S2B8 = "s2_b8";

    /// <summary>Key of the JSON metadata string array.</summary>
    public const string MetaKey = "meta";

    private readonly Dictionary<string, float[]> _bands;
    private readonly byte[] _landCover;

    internal MockTile(long seed, int index, int size, Dictionary<string, float[]> bands, byte[] landCover, string metaJson)
    {
        Seed = seed;
        Index = index;
        Size = size;
        _bands = bands;
        _landCover = landCover;
        MetaJson = metaJson;
    }

    /// <summary>The six band keys in file order.</summary>
    public static IReadOnlyList<string> Keys { get; } = [S1Vv, S1Vh, S2B2, S2B3, S2B4, S2B8];

    /// <summary>The generator seed.</summary>
    public long Seed { get; }

    /// <summary>The tile number within the seed's sequence (0-based).</summary>
    public int Index { get; }

    /// <summary>Width and height in pixels.</summary>
    public int Size { get; }

    /// <summary>The <c>meta</c> JSON: <c>{"synthetic": true, "seed": ..., "index": ..., "tool_version": ...}</c> and more.</summary>
    public string MetaJson { get; }

    /// <summary>The land-cover class (<see cref="MockLandCover"/>) of each pixel, row-major. Not written to the file.</summary>
    public ReadOnlySpan<byte> LandCover => _landCover;

    /// <summary>Band <paramref name="key"/> (one of <see cref="Keys"/>), row-major.</summary>
    public ReadOnlySpan<float> Band(string key)
        => _bands.TryGetValue(key, out var band)
            ? band
            : throw new KeyNotFoundException($"Mock tiles have no band '{key}' (they have: {string.Join(", ", Keys)}).");

    /// <summary>Adds the six bands and <c>meta</c> to <paramref name="writer"/>.</summary>
    public void WriteTo(NpzWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var key in Keys)
        {
            writer.Add(key, _bands[key], Size, Size);
        }

        writer.AddString(MetaKey, MetaJson);
    }
}
