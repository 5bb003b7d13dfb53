using System.Runtime.InteropServices;
using Axion.TileBuilder.Gdal.Interop;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// The library forms of <c>gdalwarp</c> and <c>gdal_translate</c> (gdal_utils.h). Options are the
/// command-line arguments, one per list item (<c>["-t_srs", "EPSG:32633", "-tr", "10", "10", "-of", "MEM"]</c>).
/// Prefer <c>-of MEM</c> with destination "" for in-process results. The result keeps its sources
/// referenced, and a VRT result keeps them open natively until it is disposed.
/// </summary>
public static class GdalUtilities
{
    /// <summary>Runs <c>GDALWarp</c> into a new dataset.</summary>
    /// <param name="destPath">Output path; "" with <c>-of MEM</c>.</param>
    /// <param name="sources">Input datasets (at least one).</param>
    /// <param name="options">gdalwarp arguments.</param>
    /// <exception cref="GdalException">Bad options or the warp fails; the message holds GDAL's reason.</exception>
    public static unsafe GdalDataset Warp(string destPath, IReadOnlyList<GdalDataset> sources, IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(destPath);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        if (sources.Count == 0)
        {
            throw new ArgumentException("GDALWarp needs at least one source dataset.", nameof(sources));
        }

        GdalRuntime.Initialize();
        using var argv = SafeCslHandle.Create(options);
        using var argvLease = new HandleLease(argv);
        Native.CPLErrorReset();
        using var warpOptions = Native.GDALWarpAppOptionsNew(argvLease.Pointer, 0);
        if (warpOptions.IsInvalid)
        {
            throw GdalException.FromLastError($"Invalid gdalwarp options [{string.Join(' ', options)}]");
        }

        var handles = new SafeHandle[sources.Count];
        var pointers = new nint[sources.Count];
        var added = 0;
        try
        {
            for (var i = 0; i < sources.Count; i++)
            {
                ArgumentNullException.ThrowIfNull(sources[i], nameof(sources));
                var ok = false;
                handles[i] = sources[i].Handle;
                handles[i].DangerousAddRef(ref ok);
                added = i + 1;
                pointers[i] = handles[i].DangerousGetHandle();
            }

            SafeDatasetHandle result;
            var usageError = 0;
            Native.CPLErrorReset();
            fixed (nint* sourcePointers = pointers)
            {
                result = Native.GDALWarp(destPath, 0, pointers.Length, sourcePointers, warpOptions, &usageError);
            }

            if (result.IsInvalid)
            {
                var error = GdalException.FromLastError(
                    $"gdalwarp {(usageError != 0 ? "rejected" : "failed with")} options [{string.Join(' ', options)}]");
                result.Dispose();
                throw error;
            }

            return GdalDataset.FromDerivedHandle(result, destPath, [.. sources]);
        }
        finally
        {
            for (var i = 0; i < added; i++)
            {
                handles[i].DangerousRelease();
            }
        }
    }

    /// <summary>Runs <c>GDALTranslate</c> into a new dataset (e.g. <c>["-srcwin", "10", "20", "64", "64", "-of", "MEM"]</c>).</summary>
    /// <param name="destPath">Output path; "" with <c>-of MEM</c>.</param>
    /// <param name="source">Input dataset.</param>
    /// <param name="options">gdal_translate arguments.</param>
    /// <exception cref="GdalException">Bad options or the translation fails; the message holds GDAL's reason.</exception>
    public static unsafe GdalDataset Translate(string destPath, GdalDataset source, IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(destPath);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        GdalRuntime.Initialize();
        using var argv = SafeCslHandle.Create(options);
        using var argvLease = new HandleLease(argv);
        Native.CPLErrorReset();
        using var translateOptions = Native.GDALTranslateOptionsNew(argvLease.Pointer, 0);
        if (translateOptions.IsInvalid)
        {
            throw GdalException.FromLastError($"Invalid gdal_translate options [{string.Join(' ', options)}]");
        }

        var usageError = 0;
        Native.CPLErrorReset();
        var result = Native.GDALTranslate(destPath, source.Handle, translateOptions, &usageError);
        if (result.IsInvalid)
        {
            var error = GdalException.FromLastError(
                $"gdal_translate {(usageError != 0 ? "rejected" : "failed with")} options [{string.Join(' ', options)}]");
            result.Dispose();
            throw error;
        }

        return GdalDataset.FromDerivedHandle(result, destPath, [source]);
    }
}
