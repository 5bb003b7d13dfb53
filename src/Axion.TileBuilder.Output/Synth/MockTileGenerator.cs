using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.Output.Synth;

/// <summary>
/// Makes mock training tiles without any download: spatially structured scenes (fields with class
/// spectra, a lake, sometimes a river, roads, field edges, smooth texture, mild speckle) with
/// plausible Sentinel-2 reflectance (0..1) and Sentinel-1 backscatter (dB, -30..2). The same
/// (seed, index, size) always gives the same pixels.
/// </summary>
public static class MockTileGenerator
{
    /// <summary>Smallest tile size, pixels.</summary>
    public const int MinSize = 16;

    /// <summary>Largest tile size, pixels.</summary>
    public const int MaxSize = 4096;

    /// <summary>Default tile size, pixels.</summary>
    public const int DefaultSize = 256;

    /// <summary>Lowest backscatter written, dB.</summary>
    public const float MinDb = -30f;

    /// <summary>Highest backscatter written, dB.</summary>
    public const float MaxDb = 2f;

    /// <summary>
    /// Speckle in dB, modelled as log-normal: for gamma speckle with 10 looks, 10·log10 of the
    /// intensity factor has a standard deviation of about 1.4 dB and a mean of about -0.2 dB.
    /// </summary>
    private const double SpeckleSigmaDb = 1.4;

    /// <inheritdoc cref="SpeckleSigmaDb"/>
    private const double SpeckleBiasDb = -0.2;

    /// <summary>The file name of tile <paramref name="index"/>: <c>tile_000042.npz</c>.</summary>
    public static string FileName(int index)
        => "tile_" + index.ToString("D6", CultureInfo.InvariantCulture) + ".npz";

    /// <summary>Generates tile <paramref name="index"/> of <paramref name="seed"/>'s sequence.</summary>
    public static MockTile Generate(long seed, int index, int size = DefaultSize)
    {
        ValidateSize(size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var key = SplitMix64.Mix(SplitMix64.Mix((ulong)seed) ^ ((ulong)index * 0xD1B54A32D192ED03UL));
        var layout = MockLayout.Create(SplitMix64.Mix(key ^ 1), size);
        var texture = new ValueNoise(SplitMix64.Mix(key ^ 2));
        var regional = new ValueNoise(SplitMix64.Mix(key ^ 3));
        var fieldKey = SplitMix64.Mix(key ^ 4);
        var pixelKey = SplitMix64.Mix(key ^ 5);
        var regionalScale = Math.Min(size, 512) / 2.0;

        var count = size * size;
        var vv = new float[count];
        var vh = new float[count];
        var b2 = new float[count];
        var b3 = new float[count];
        var b4 = new float[count];
        var b8 = new float[count];
        // Rows are independent (each has its own random stream), so they can run in parallel and
        // the result does not depend on scheduling.
        Parallel.For(0, size, y =>
        {
            var rng = new SplitMix64(SplitMix64.Mix(pixelKey ^ ((ulong)y * 0xA24BAED4963EE407UL)));
            for (var x = 0; x < size; x++)
            {
                var p = (y * size) + x;
                var cover = (MockLandCover)layout.Cover[p];
                var spectrum = MockSpectrum.Of(cover);
                var tex = texture.Fractal(x, y, 9.0, 3);
                var reg = regional.Fractal(x, y, regionalScale, 2);
                var (gain, nirGain, dbOffset) = IsField(cover) ? FieldFactors(fieldKey, layout.Field[p]) : (1.0, 1.0, 0.0);

                var optical = gain * (1.0 + (0.10 * spectrum.Texture * tex) + (0.04 * reg));
                var haze = 0.008 * (reg + 1.0);
                var turbidity = cover == MockLandCover.Water ? 0.012 * (tex + 1.0) : 0.0;
                b2[p] = Reflectance((spectrum.B2 * optical) + haze + (0.003 * rng.NextGaussian()));
                b3[p] = Reflectance((spectrum.B3 * optical) + (0.7 * haze) + turbidity + (0.003 * rng.NextGaussian()));
                b4[p] = Reflectance((spectrum.B4 * optical) + (0.5 * haze) + turbidity + (0.003 * rng.NextGaussian()));
                b8[p] = Reflectance((spectrum.B8 * optical * nirGain) + (0.3 * haze) + (0.005 * rng.NextGaussian()));

                var structure = (1.2 * spectrum.Texture * tex) + (0.8 * reg);
                vv[p] = Decibels(spectrum.VvDb + dbOffset + structure + SpeckleBiasDb + (SpeckleSigmaDb * rng.NextGaussian()));
                vh[p] = Decibels(spectrum.VhDb + (1.2 * dbOffset) + (1.2 * structure) + SpeckleBiasDb + (SpeckleSigmaDb * rng.NextGaussian()));
            }
        });

        var bands = new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            [MockTile.S1Vv] = vv,
            [MockTile.S1Vh] = vh,
            [MockTile.S2B2] = b2,
            [MockTile.S2B3] = b3,
            [MockTile.S2B4] = b4,
            [MockTile.S2B8] = b8,
        };
        return new MockTile(seed, index, size, bands, layout.Cover, MetaJson(seed, index, size));
    }

    /// <summary>Generates tile <paramref name="index"/> and writes it atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, long seed, int index, int size, bool compressed)
    {
        var tile = Generate(seed, index, size);
        using var writer = NpzWriter.Create(path, compressed);
        tile.WriteTo(writer);
        writer.Commit();
    }

    /// <summary>
    /// Writes tiles 0 .. <paramref name="count"/>-1 as <c>tile_000000.npz</c>, ... into
    /// <paramref name="outDir"/> (created if missing; existing tiles of the same names are replaced
    /// atomically). Reports the number of tiles written so far to <paramref name="progress"/>.
    /// </summary>
    public static MockTileSet WriteAll(string outDir, int count, long seed, int size, bool compressed, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The tile count must be at least 1, got {count}.");
        }

        ValidateSize(size);
        var directory = Path.GetFullPath(outDir);
        Directory.CreateDirectory(directory);
        var files = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, FileName(i));
            Write(path, seed, i, size, compressed);
            files.Add(path);
            progress?.Report(i + 1);
        }

        return new MockTileSet(directory, files, seed, size);
    }

    /// <summary>The tool version recorded in <c>meta</c> (informational version without build metadata).</summary>
    public static string ToolVersion { get; } = ReadToolVersion();

    private static void ValidateSize(int size)
    {
        if (size is < MinSize or > MaxSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The tile size must be between {MinSize} and {MaxSize} pixels, got {size}.");
        }
    }

    private static bool IsField(MockLandCover cover)
        => cover is MockLandCover.Crop or MockLandCover.Grass or MockLandCover.BareSoil or MockLandCover.Forest;

    /// <summary>Per-field brightness, NIR vigour and radar offset (dB), fixed per field.</summary>
    private static (double Gain, double NirGain, double DbOffset) FieldFactors(ulong fieldKey, int field)
    {
        var h = SplitMix64.Mix(fieldKey ^ ((ulong)field * 0x9E3779B97F4A7C15UL));
        var a = (SplitMix64.ToUnit(h) * 2.0) - 1.0;
        var b = (SplitMix64.ToUnit(SplitMix64.Mix(h ^ 1)) * 2.0) - 1.0;
        var c = (SplitMix64.ToUnit(SplitMix64.Mix(h ^ 2)) * 2.0) - 1.0;
        return (1.0 + (0.12 * a), 1.0 + (0.15 * b), 1.5 * c);
    }

    private static float Reflectance(double value) => (float)Math.Clamp(value, 0.0001, 1.0);

    private static float Decibels(double value) => (float)Math.Clamp(value, MinDb, MaxDb);

    private static string MetaJson(long seed, int index, int size)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("synthetic", true);
            json.WriteNumber("seed", seed);
            json.WriteNumber("index", index);
            json.WriteNumber("size", size);
            json.WriteString("tool_version", ToolVersion);
            json.WriteString("generator", "axion-tiles synth");
            json.WriteStartObject("units");
            json.WriteString(MockTile.S1Vv, "dB");
            json.WriteString(MockTile.S1Vh, "dB");
            json.WriteString(MockTile.S2B2, "reflectance");
            json.WriteString(MockTile.S2B3, "reflectance");
            json.WriteString(MockTile.S2B4, "reflectance");
            json.WriteString(MockTile.S2B8, "reflectance");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string ReadToolVersion()
    {
        var assembly = typeof(MockTileGenerator).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
