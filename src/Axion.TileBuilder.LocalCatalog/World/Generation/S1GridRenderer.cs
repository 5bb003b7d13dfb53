using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>
/// Fills the Sentinel-1 rasters of one location. All acquisitions of a location share the grid, the footprint and the
/// ground truth, so each polarisation is rendered once per backscatter offset (<see cref="SyntheticScene.SeasonalS1OffsetDb"/>:
/// none but for the seasonal layouts, one per date there) and copied to every scene with that offset; the ground is
/// sampled once per pixel for all of them.
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

        var dated = plan.Scenes.GroupBy(s => s.SeasonalS1OffsetDb).ToList();
        return StagedRaster.Collect(add =>
        {
            StagedRaster Create(IEnumerable<SyntheticScene> scenes, string key) => add(StagedRaster.Create(
                grid, 10, GdalDataType.Float32, WorldFiles.S1NoData, projectionWkt, [.. scenes.Select(s => s.Assets.Single(a => a.Key == key).RelativePath)], CogWriter.S1Options, stagingDirectory));
            var vv = new StagedRaster[dated.Count];
            var vh = new StagedRaster[dated.Count];
            for (var d = 0; d < dated.Count; d++)
            {
                vv[d] = Create(dated[d], "vv");
                vh[d] = Create(dated[d], "vh");
            }

            Fill(grid, template, [.. dated.Select(d => d.Key)], vv, vh, ct);
        });
    }

    private static void Fill(GridPlan grid, SyntheticScene template, double?[] offsetsDb, StagedRaster[] vvRasters, StagedRaster[] vhRasters, CancellationToken ct)
    {
        var width = grid.Width;
        var vv = offsetsDb.Select(_ => new float[StripRows * width]).ToArray();
        var vh = offsetsDb.Select(_ => new float[StripRows * width]).ToArray();
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
                        for (var d = 0; d < offsetsDb.Length; d++)
                        {
                            vv[d][index] = (float)WorldFiles.S1NoData;
                            vh[d][index] = (float)WorldFiles.S1NoData;
                        }

                        continue;
                    }

                    var sample = GroundTruth.Sample(buffers.Longitudes[c], buffers.Latitudes[c]);
                    for (var d = 0; d < offsetsDb.Length; d++)
                    {
                        vv[d][index] = (float)GroundTruth.DbToLinear(GroundTruth.Backscatter(in sample, 0, offsetsDb[d]));
                        vh[d][index] = (float)GroundTruth.DbToLinear(GroundTruth.Backscatter(in sample, 1, offsetsDb[d]));
                    }
                }

                return buffers;
            }, _ => { });

            for (var d = 0; d < offsetsDb.Length; d++)
            {
                vvRasters[d].Band.Write<float>(0, first, width, rows, vv[d].AsSpan(0, rows * width));
                vhRasters[d].Band.Write<float>(0, first, width, rows, vh[d].AsSpan(0, rows * width));
            }
        }
    }
}
