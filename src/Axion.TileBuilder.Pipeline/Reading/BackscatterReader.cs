using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Planning;
using Axion.TileBuilder.Radiometry;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>A Sentinel-1 polarisation's window on the AOI grid as backscatter in dB: the Sentinel-1 counterpart of <see cref="ReflectanceReader"/>.</summary>
public static class BackscatterReader
{
    /// <summary>
    /// One Sentinel-1 polarisation onto the grid in dB: RTC gamma0 (linear, float32) aligned or warped bilinear, nodata to
    /// NaN; or, with <paramref name="grdConstant"/>, GRD amplitude warped through its geotransform or GCPs and calibrated.
    /// </summary>
    public static float[] Read(GdalDataset ds, TargetGrid target, AssetReadPlan read, double? grdConstant)
    {
        ArgumentNullException.ThrowIfNull(read);
        return grdConstant is { } a ? ReadGrdDb(ds, target, a) : ReadBackscatterDb(ds, target, read.Method);
    }

    /// <summary>
    /// Sentinel-1 GRD: warps the amplitude DN onto the grid (through the GCPs with a thin-plate spline when the file has no
    /// geotransform; bilinear on DN as float32, nodata 0 left out of the kernel), then sigma0 dB = 20 log10(DN / A).
    /// </summary>
    private static float[] ReadGrdDb(GdalDataset ds, TargetGrid target, double calibrationConstant)
    {
        List<string> extra = ["-ot", "Float32"];
        if (GridReader.IsGcpOnly(ds))
        {
            extra.AddRange(GridReader.GcpWarpOptions);
        }

        var values = GridReader.ReadWarped<float>(ds, 1, target, "bilinear", GrdCalibration.NoDataDn, extra);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GrdCalibration.DnToDb(values[i], calibrationConstant);
        }

        return values;
    }

    private static float[] ReadBackscatterDb(GdalDataset ds, TargetGrid target, ReadMethod method)
    {
        var nodata = ds.GetBand(1).NoDataValue ?? S1Radiometry.RtcNodata;
        var values = method == ReadMethod.Aligned
            ? GridReader.ReadAligned(ds, 1, target, (float)nodata)
            : GridReader.ReadWarped<float>(ds, 1, target, "bilinear", nodata);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] == (float)nodata ? float.NaN : S1Radiometry.LinearToDb(values[i]);
        }

        return values;
    }
}
