using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>
/// A single-band raster filled strip by strip (in memory, or in an uncompressed GeoTIFF for large scenes)
/// before it is copied to one or more identical COG files.
/// </summary>
internal sealed class StagedRaster : IDisposable
{
    private readonly string? _stagingPath;

    private StagedRaster(GdalDataset dataset, string? stagingPath, IReadOnlyList<string> targets, IReadOnlyList<string> cogOptions)
    {
        Dataset = dataset;
        Band = dataset.GetBand(1);
        _stagingPath = stagingPath;
        Targets = targets;
        CogOptions = cogOptions;
    }

    public GdalDataset Dataset { get; }

    /// <summary>
    /// Runs <paramref name="render"/>, which passes every raster it creates through the function it is given, and returns
    /// them in that order; when it throws, every raster created so far is disposed (their staging files deleted).
    /// </summary>
    public static IReadOnlyList<StagedRaster> Collect(Action<Func<StagedRaster, StagedRaster>> render)
    {
        List<StagedRaster> all = [];
        try
        {
            render(raster =>
            {
                all.Add(raster);
                return raster;
            });
            return all;
        }
        catch
        {
            foreach (var raster in all)
            {
                raster.Dispose();
            }

            throw;
        }
    }

    public GdalBand Band { get; }

    /// <summary>Relative paths of the COG files to write (the same bytes in each).</summary>
    public IReadOnlyList<string> Targets { get; }

    public IReadOnlyList<string> CogOptions { get; }

    /// <summary>
    /// Creates the staging raster with its georeferencing and nodata, in a GeoTIFF in
    /// <paramref name="stagingDirectory"/>, or in memory when that is null.
    /// </summary>
    public static StagedRaster Create(
        GridPlan grid,
        double resolutionM,
        GdalDataType type,
        double noData,
        string projectionWkt,
        IReadOnlyList<string> targets,
        IReadOnlyList<string> cogOptions,
        string? stagingDirectory)
    {
        var size = (int)Math.Floor((grid.Width * 10 / resolutionM) + 1e-9); // whole pixels inside the scene (60 m: 10980 -> 1830)
        string? path = null;
        GdalDataset dataset;
        if (stagingDirectory is null)
        {
            dataset = GdalDataset.Create("MEM", string.Empty, size, size, 1, type);
        }
        else
        {
            path = System.IO.Path.Combine(stagingDirectory, $"{Guid.NewGuid():N}.tif");
            dataset = GdalDataset.Create("GTiff", path, size, size, 1, type, ["TILED=NO", "COMPRESS=NONE", "SPARSE_OK=FALSE"]);
        }

        try
        {
            dataset.GeoTransform = new GeoTransform(grid.OriginX, resolutionM, 0, grid.OriginY, 0, -resolutionM);
            dataset.ProjectionWkt = projectionWkt;
            var staged = new StagedRaster(dataset, path, targets, cogOptions);
            staged.Band.SetNoDataValue(noData);
            return staged;
        }
        catch
        {
            dataset.Dispose();
            DeleteQuietly(path);
            throw;
        }
    }

    public void Dispose()
    {
        Dataset.Dispose();
        DeleteQuietly(_stagingPath);
    }

    private static void DeleteQuietly(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
