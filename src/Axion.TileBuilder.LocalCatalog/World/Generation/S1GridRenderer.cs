using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>
/// Fills the Sentinel-1 rasters of one location. All acquisitions of a location share the grid, the footprint
/// and the (date-independent) ground truth, so each polarisation is rendered once and copied to every scene.
/// </summary>
internal static class S1GridRenderer
{
    private const int StripRows = 128;

    public static IReadOnlyList<StagedRaster> Render(SceneGroup plan, string projectionWkt, string? stagingDirectory, CancellationToken ct)
    {
        var grid = plan.Grid;
        var template = plan.Scenes[0];
        if (plan.Scenes.Any(s => s.NoDataWedge != template.NoDataWedge || s.OriginX != template.OriginX || s.OriginY != template.OriginY))
        {
            throw new InvalidOperationException($"The Sentinel-1 scenes of '{template.LocationId}' do not share one grid and footprint.");
        }

        return StagedRaster.Collect(add =>
        {
            StagedRaster Create(string key) => add(StagedRaster.Create(
                grid, 10, GdalDataType.Float32, WorldFiles.S1NoData, projectionWkt, [.. plan.Scenes.Select(s => s.Assets.Single(a => a.Key == key).RelativePath)], CogWriter.S1Options, stagingDirectory));
            var vv = Create("vv");
            var vh = Create("vh");
            Fill(grid, template, vv, vh, ct);
        });
    }

    private static void Fill(GridPlan grid, SyntheticScene template, StagedRaster vvRaster, StagedRaster vhRaster, CancellationToken ct)
    {
        var width = grid.Width;
        var vv = new float[StripRows * width];
        var vh = new float[StripRows * width];
        var inverse = new UtmGridInverse(grid.Zone, grid.North, grid.OriginX, width, 10);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        for (var row = 0; row < grid.Height; row += StripRows)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(StripRows, grid.Height - row);
            var first = row;
            Parallel.For(0, rows, parallel, () => new RowBuffers(width), (r, _, buffers) =>
            {
                var n = grid.PixelCentre(0, first + r, 10).Northing;
                inverse.Row(n, buffers.Longitudes, buffers.Latitudes);
                for (var c = 0; c < width; c++)
                {
                    var (e, _) = grid.PixelCentre(c, first + r, 10);
                    var index = (r * width) + c;
                    if (!SceneFootprint.IsValid(template, e, n))
                    {
                        vv[index] = (float)WorldFiles.S1NoData;
                        vh[index] = (float)WorldFiles.S1NoData;
                        continue;
                    }

                    var sample = GroundTruth.Sample(buffers.Longitudes[c], buffers.Latitudes[c]);
                    vv[index] = (float)GroundTruth.DbToLinear(GroundTruth.Backscatter(in sample, 0));
                    vh[index] = (float)GroundTruth.DbToLinear(GroundTruth.Backscatter(in sample, 1));
                }

                return buffers;
            }, _ => { });

            vvRaster.Band.Write<float>(0, first, width, rows, vv.AsSpan(0, rows * width));
            vhRaster.Band.Write<float>(0, first, width, rows, vh.AsSpan(0, rows * width));
        }
    }
}
