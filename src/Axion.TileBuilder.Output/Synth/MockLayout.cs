using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.Output.Synth;

/// <summary>
/// The land-cover map of a mock tile: fields as jittered-grid Voronoi polygons with a class each,
/// thin edges between fields, lakes with noisy shores, sometimes a meandering river, and straight
/// roads on top. <see cref="Field"/> numbers the polygon of each pixel (for per-field variation).
/// </summary>
internal sealed class MockLayout
{
    /// <summary>Bytes of <see cref="MockLandCover"/>, row-major.</summary>
    public required byte[] Cover { get; init; }

    /// <summary>Field (Voronoi cell) number of each pixel, row-major.</summary>
    public required int[] Field { get; init; }

    public static MockLayout Create(ulong key, int size)
    {
        var rng = new SplitMix64(key);
        var cover = new byte[size * size];
        var field = new int[size * size];
        PaintFields(rng, key, size, cover, field);
        var unit = Math.Min(size, 512);
        var lakes = Math.Max(1, size / 512 * (size / 512));
        var shore = new ValueNoise(SplitMix64.Mix(key ^ 0x5151));
        for (var i = 0; i < lakes; i++)
        {
            PaintLake(rng, shore, size, unit, cover);
        }

        if (rng.NextDouble() < 0.5)
        {
            PaintRiver(rng, size, cover);
        }

        var roads = (1 + rng.NextInt(2)) * Math.Max(1, size / 256);
        for (var i = 0; i < roads; i++)
        {
            PaintRoad(rng, size, cover);
        }

        return new MockLayout { Cover = cover, Field = field };
    }

    private static void PaintFields(SplitMix64 rng, ulong key, int size, byte[] cover, int[] field)
    {
        var cell = 40 + rng.NextInt(41);
        var cells = (size / cell) + 3;
        var pointsX = new double[cells * cells];
        var pointsY = new double[cells * cells];
        var classes = new MockLandCover[cells * cells];
        for (var cy = 0; cy < cells; cy++)
        {
            for (var cx = 0; cx < cells; cx++)
            {
                var i = (cy * cells) + cx;
                var h = SplitMix64.Mix(key ^ ((ulong)i * 0x9E3779B97F4A7C15UL) ^ 0xF1E1D);
                pointsX[i] = (cx - 1 + 0.15 + (0.7 * SplitMix64.ToUnit(h))) * cell;
                pointsY[i] = (cy - 1 + 0.15 + (0.7 * SplitMix64.ToUnit(SplitMix64.Mix(h)))) * cell;
                var pick = SplitMix64.ToUnit(SplitMix64.Mix(h ^ 0xC1A55));
                classes[i] = pick switch
                {
                    < 0.35 => MockLandCover.Crop,
                    < 0.60 => MockLandCover.Grass,
                    < 0.80 => MockLandCover.BareSoil,
                    _ => MockLandCover.Forest,
                };
            }
        }

        for (var y = 0; y < size; y++)
        {
            var cyPixel = (y / cell) + 1;
            for (var x = 0; x < size; x++)
            {
                var cxPixel = (x / cell) + 1;
                double d1 = double.MaxValue, d2 = double.MaxValue;
                int n1 = 0, n2 = 0;
                for (var cy = Math.Max(0, cyPixel - 1); cy <= Math.Min(cells - 1, cyPixel + 1); cy++)
                {
                    for (var cx = Math.Max(0, cxPixel - 1); cx <= Math.Min(cells - 1, cxPixel + 1); cx++)
                    {
                        var i = (cy * cells) + cx;
                        var dx = x + 0.5 - pointsX[i];
                        var dy = y + 0.5 - pointsY[i];
                        var d = Math.Sqrt((dx * dx) + (dy * dy));
                        if (d < d1)
                        {
                            d2 = d1;
                            n2 = n1;
                            d1 = d;
                            n1 = i;
                        }
                        else if (d < d2)
                        {
                            d2 = d;
                            n2 = i;
                        }
                    }
                }

                var p = (y * size) + x;
                field[p] = n1;
                var edge = d2 - d1 < 1.6 && !(classes[n1] == MockLandCover.Forest && classes[n2] == MockLandCover.Forest);
                cover[p] = (byte)(edge ? MockLandCover.FieldEdge : classes[n1]);
            }
        }
    }

    private static void PaintLake(SplitMix64 rng, ValueNoise shore, int size, int unit, byte[] cover)
    {
        var cx = rng.NextDouble(0.15, 0.85) * size;
        var cy = rng.NextDouble(0.15, 0.85) * size;
        var radius = rng.NextDouble(0.07, 0.16) * unit;
        var stretch = rng.NextDouble(0.6, 1.0);
        var reach = radius * 1.5;
        var y0 = Math.Max(0, (int)(cy - reach));
        var y1 = Math.Min(size - 1, (int)(cy + reach));
        var x0 = Math.Max(0, (int)(cx - reach));
        var x1 = Math.Min(size - 1, (int)(cx + reach));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var dx = x + 0.5 - cx;
                var dy = (y + 0.5 - cy) / stretch;
                var limit = radius * (1.0 + (0.45 * shore.Fractal(x, y, radius * 0.7, 2)));
                if ((dx * dx) + (dy * dy) < limit * limit)
                {
                    cover[(y * size) + x] = (byte)MockLandCover.Water;
                }
            }
        }
    }

    private static void PaintRiver(SplitMix64 rng, int size, byte[] cover)
    {
        var angle = rng.NextDouble(0, Math.PI);
        var (sin, cos) = Math.SinCos(angle);
        var ox = rng.NextDouble(0.3, 0.7) * size;
        var oy = rng.NextDouble(0.3, 0.7) * size;
        var amplitude = rng.NextDouble(0.03, 0.08) * size;
        var wavelength = rng.NextDouble(0.4, 0.9) * size;
        var phase = rng.NextDouble(0, 2 * Math.PI);
        var halfWidth = rng.NextDouble(1.5, 3.0);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var u = ((x - ox) * cos) + ((y - oy) * sin);
                var v = (-(x - ox) * sin) + ((y - oy) * cos);
                var centre = amplitude * Math.Sin((2 * Math.PI * u / wavelength) + phase);
                if (Math.Abs(v - centre) < halfWidth)
                {
                    cover[(y * size) + x] = (byte)MockLandCover.Water;
                }
            }
        }
    }

    private static void PaintRoad(SplitMix64 rng, int size, byte[] cover)
    {
        var angle = rng.NextDouble(0, Math.PI);
        var (sin, cos) = Math.SinCos(angle);
        var ox = rng.NextDouble(0.1, 0.9) * size;
        var oy = rng.NextDouble(0.1, 0.9) * size;
        var halfWidth = rng.NextDouble(1.0, 1.8);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var v = (-(x + 0.5 - ox) * sin) + ((y + 0.5 - oy) * cos);
                if (Math.Abs(v) < halfWidth)
                {
                    cover[(y * size) + x] = (byte)MockLandCover.Road;
                }
            }
        }
    }
}
