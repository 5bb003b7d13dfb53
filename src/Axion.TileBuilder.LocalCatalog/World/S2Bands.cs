namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Which <see cref="S2Band"/> every world holds, which only some do, and each band's pixel size and COG block.</summary>
public static class S2Bands
{
    /// <summary>The 10 m bands of every world: B02, B03, B04, B08 (1024-px blocks).</summary>
    public static IReadOnlyList<S2Band> TenMetre { get; } = [S2Band.B02, S2Band.B03, S2Band.B04, S2Band.B08];

    /// <summary>
    /// The 20 m bands (B05, B06, B07, B8A, B11, B12; 512-px blocks, like SCL) and 60 m bands (B01, B09; 256-px blocks) of a
    /// world with <see cref="WorldSpec.IncludeAllBands"/>, in file-writing order.
    /// </summary>
    public static IReadOnlyList<S2Band> Coarse { get; } =
        [S2Band.B01, S2Band.B05, S2Band.B06, S2Band.B07, S2Band.B8A, S2Band.B09, S2Band.B11, S2Band.B12];

    /// <summary>Native pixel size of <paramref name="band"/>, metres: 10, 20 or 60.</summary>
    public static int ResolutionM(S2Band band) => band switch
    {
        S2Band.B02 or S2Band.B03 or S2Band.B04 or S2Band.B08 => 10,
        S2Band.B01 or S2Band.B09 => 60,
        _ => 20,
    };

    /// <summary>COG block size of a band file, pixels: 1024 at 10 m, 512 at 20 m, 256 at 60 m.</summary>
    public static int BlockSize(S2Band band) => ResolutionM(band) switch
    {
        10 => 1024,
        20 => 512,
        _ => 256,
    };

    /// <summary>Pixels per side of a band raster of a scene of <paramref name="scenePx"/> 10 m pixels (whole pixels inside the scene: 10980 gives 5490 and 1830).</summary>
    public static int SizePx(S2Band band, int scenePx) => scenePx * 10 / ResolutionM(band);
}
