using Axion.TileBuilder.Pipeline.Quicklooks;

namespace Axion.TileBuilder.Pipeline.Tests.Quicklooks;

/// <summary>
/// A 2 x 2 grid of 64 px tiles (128 x 128 AOI, shown at full resolution): clear ground everywhere
/// except a cloud block (SCL 9) in tile (0, 1) and a cloud-shadow block (SCL 3) in tile (1, 0), both
/// NaN in Sentinel-2 as the pipeline masks them; uniform Sentinel-1. Tiles (0, 0) and (1, 0) written,
/// (0, 1) and (1, 1) rejected.
/// </summary>
internal static class SyntheticRow
{
    public const int Tile = 64;
    public const int Size = 2 * Tile;

    public const float Red = 0.15f;
    public const float Green = 0.075f;
    public const float Blue = 0.03f;
    public const float VvDb = -12.5f;
    public const float VhDb = -17.5f;

    /// <summary>Cloud block: x 70..99, y 10..39 (tile row 0, col 1).</summary>
    public static bool InCloud(int x, int y) => x is >= 70 and < 100 && y is >= 10 and < 40;

    /// <summary>Shadow block: x 10..19, y 80..89 (tile row 1, col 0).</summary>
    public static bool InShadow(int x, int y) => x is >= 10 and < 20 && y is >= 80 and < 90;

    public static QuicklookInput Create(int tilesX = 2, int tilesY = 2, int tile = Tile)
    {
        var w = tilesX * tile;
        var h = tilesY * tile;
        var n = w * h;
        var b2 = new float[n];
        var b3 = new float[n];
        var b4 = new float[n];
        var b8 = new float[n];
        var scl = new byte[n];
        var vv = new float[n];
        var vh = new float[n];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                var cls = InCloud(x, y) ? (byte)9 : InShadow(x, y) ? (byte)3 : (byte)4;
                scl[i] = cls;
                var masked = cls != 4;
                b2[i] = masked ? float.NaN : Blue;
                b3[i] = masked ? float.NaN : Green;
                b4[i] = masked ? float.NaN : Red;
                b8[i] = masked ? float.NaN : 0.3f;
                vv[i] = VvDb;
                vh[i] = VhDb;
            }
        }

        var tiles = new List<QuicklookTile>();
        for (var r = 0; r < tilesY; r++)
        {
            for (var c = 0; c < tilesX; c++)
            {
                tiles.Add(c == 0 ? QuicklookTile.WrittenAt(r, c) : QuicklookTile.RejectedAt(r, c, "valid_fraction_below_min"));
            }
        }

        return new QuicklookInput
        {
            Width = w,
            Height = h,
            S2 = [b2, b3, b4, b8],
            Scl = scl,
            S1Vv = vv,
            S1Vh = vh,
            TileSize = tile,
            TilesX = tilesX,
            TilesY = tilesY,
            Tiles = tiles,
        };
    }
}
