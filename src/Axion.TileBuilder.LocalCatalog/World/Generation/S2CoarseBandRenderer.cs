using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>
/// Fills the 20 m and 60 m Sentinel-2 band rasters of one grid (<see cref="WorldSpec.IncludeAllBands"/>): every pixel is
/// <see cref="GroundTruth.S2Dn"/> of the band's observed reflectance at the pixel's own centre, under the SCL class of that
/// point (the class of the 20 m SCL pixel holding it: for a 20 m band its own pixel, for a 60 m band the middle one of the
/// 3 x 3), 0 outside the footprint, the clear-sky reflectance scaled by the scene's <see cref="SyntheticScene.SeasonalGain"/>
/// as in the 10 m bands. The same values as <see cref="SceneTruth.S2Dn"/>.
/// </summary>
internal static class S2CoarseBandRenderer
{
    private const int StripRows = 64;

    public static IReadOnlyList<StagedRaster> Render(SceneGroup plan, string projectionWkt, string? stagingDirectory, CancellationToken ct)
    {
        return StagedRaster.Collect(add =>
        {
            foreach (var resolution in S2Bands.Coarse.Select(S2Bands.ResolutionM).Distinct())
            {
                var bands = S2Bands.Coarse.Where(b => S2Bands.ResolutionM(b) == resolution).ToArray();
                var rasters = new StagedRaster[plan.Scenes.Count][];
                var boaRasters = new StagedRaster?[plan.Scenes.Count][];
                for (var s = 0; s < plan.Scenes.Count; s++)
                {
                    var scene = plan.Scenes[s];
                    rasters[s] = new StagedRaster[bands.Length];
                    boaRasters[s] = new StagedRaster?[bands.Length];
                    for (var b = 0; b < bands.Length; b++)
                    {
                        var key = bands[b].ToString();
                        var options = CogWriter.S2CoarseBandOptions(S2Bands.BlockSize(bands[b]));
                        rasters[s][b] = add(StagedRaster.Create(
                            plan.Grid, resolution, GdalDataType.UInt16, 0, projectionWkt, [scene.Assets.Single(a => a.Key == key).RelativePath], options, stagingDirectory));
                        if (scene.OffsetAppliedAssets is { } boa)
                        {
                            boaRasters[s][b] = add(StagedRaster.Create(
                                plan.Grid, resolution, GdalDataType.UInt16, 0, projectionWkt, [boa.Single(a => a.Key == key).RelativePath], options, stagingDirectory));
                        }
                    }
                }

                Fill(plan, resolution, bands, rasters, boaRasters, ct);
            }
        });
    }

    private static void Fill(SceneGroup plan, int resolution, S2Band[] bands, StagedRaster[][] rasters, StagedRaster?[][] boaRasters, CancellationToken ct)
    {
        var grid = plan.Grid;
        var scenes = plan.Scenes;
        var size = S2Bands.SizePx(bands[0], grid.Width);
        var template = scenes[0];
        var baselines = scenes.Select(s => s.ProcessingBaseline!).ToArray();
        var gains = scenes.Select(s => s.SeasonalGain).ToArray();
        var bandIndex = bands.Select(GroundTruth.BandIndex).ToArray();
        var dn = new ushort[scenes.Count][][];
        var boa = new ushort[scenes.Count][][];
        for (var s = 0; s < scenes.Count; s++)
        {
            dn[s] = [.. bands.Select(_ => new ushort[StripRows * size])];
            boa[s] = [.. bands.Select((_, b) => boaRasters[s][b] is null ? [] : new ushort[StripRows * size])];
        }

        var inverse = new UtmGridInverse(grid.Zone, grid.North, grid.OriginX, size, resolution);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        for (var first = 0; first < size; first += StripRows)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(StripRows, size - first);
            var top = first;
            Parallel.For(0, rows, parallel, () => new RowBuffers(size), (r, _, buffers) =>
            {
                var n = grid.PixelCentre(0, top + r, resolution).Northing;
                inverse.Row(n, buffers.Longitudes, buffers.Latitudes);
                for (var c = 0; c < size; c++)
                {
                    var (e, _) = grid.PixelCentre(c, top + r, resolution);
                    var index = (r * size) + c;
                    if (!SceneFootprint.IsValid(template, e, n))
                    {
                        for (var s = 0; s < scenes.Count; s++)
                        {
                            for (var b = 0; b < bands.Length; b++)
                            {
                                dn[s][b][index] = 0;
                                if (boa[s][b].Length != 0)
                                {
                                    boa[s][b][index] = 0;
                                }
                            }
                        }

                        continue;
                    }

                    var lon = buffers.Longitudes[c];
                    var lat = buffers.Latitudes[c];
                    var sample = GroundTruth.Sample(lon, lat);
                    var clearClass = GroundTruth.ClearScl(sample.Cover);
                    for (var s = 0; s < scenes.Count; s++)
                    {
                        var cloud = scenes[s].Clouds?.ClassAt(lon, lat) ?? 0;
                        var cls = cloud != 0 ? cloud : clearClass;
                        for (var b = 0; b < bands.Length; b++)
                        {
                            var clear = GroundTruth.Seasonal(GroundTruth.Reflectance(in sample, bandIndex[b]), gains[s]);
                            var observed = GroundTruth.Observed(in sample, bandIndex[b], cls, clear);
                            dn[s][b][index] = GroundTruth.S2Dn(observed, baselines[s]);
                            if (boa[s][b].Length != 0)
                            {
                                boa[s][b][index] = GroundTruth.S2Dn(observed, baselines[s], boaOffsetApplied: true);
                            }
                        }
                    }
                }

                return buffers;
            }, _ => { });

            for (var s = 0; s < scenes.Count; s++)
            {
                for (var b = 0; b < bands.Length; b++)
                {
                    rasters[s][b].Band.Write<ushort>(0, first, size, rows, dn[s][b].AsSpan(0, rows * size));
                    if (boaRasters[s][b] is { } boaRaster)
                    {
                        boaRaster.Band.Write<ushort>(0, first, size, rows, boa[s][b].AsSpan(0, rows * size));
                    }
                }
            }
        }
    }
}
