using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>A Sentinel-2 band's window on the AOI grid as reflectance, as a build's read and a read-ahead both take it.</summary>
public static class ReflectanceReader
{
    /// <summary>
    /// One Sentinel-2 band onto the grid as reflectance: an aligned copy (10 m bands; coarser ones with <c>nearest</c>), a
    /// warp of a 20 m or 60 m band with its planned resampling computed in float32 (the DN are not rounded back to integers),
    /// or the bilinear UInt16 warp of a 10 m band gridded in another zone (as before <c>--bands</c>).
    /// </summary>
    public static float[] Read(GdalDataset ds, TargetGrid target, S2RadiometryRule rule, AssetReadPlan read)
    {
        if (read.Method == ReadMethod.Warped && SpectralBand.Find(read.Band) is { IsResampled: true })
        {
            var resampled = GridReader.ReadWarped<float>(ds, 1, target, read.Resampling, 0, ["-ot", "Float32"]);
            var reflectance = new float[resampled.Length];
            rule.Apply(resampled, reflectance, 0f);
            return reflectance;
        }

        var dn = read.Method == ReadMethod.Aligned
            ? GridReader.ReadAligned<ushort>(ds, 1, target, 0)
            : GridReader.ReadWarped<ushort>(ds, 1, target, "bilinear", 0);
        var values = new float[dn.Length];
        rule.Apply(dn, values, 0);
        return values;
    }
}
