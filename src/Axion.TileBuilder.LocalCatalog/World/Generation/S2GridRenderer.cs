using Axion.TileBuilder.Gdal;

namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>
/// Fills the Sentinel-2 rasters of one location: lon/lat and the clear-sky reflectance of each pixel are
/// computed once per strip of rows and shared by the four bands and all the scenes (dates) of the grid (each scene scales it
/// by its <see cref="SyntheticScene.SeasonalGain"/>, when it has one).
/// </summary>
internal static class S2GridRenderer
{
    private const int StripRows20 = 64;

    public static IReadOnlyList<StagedRaster> Render(SceneGroup plan, string projectionWkt, string? stagingDirectory, CancellationToken ct)
    {
        var grid = plan.Grid;
        var scenes = plan.Scenes;
        var bands = S2Bands.TenMetre;
        var bandRasters = new StagedRaster[scenes.Count][];
        var boaRasters = new StagedRaster?[scenes.Count][];
        var sclRasters = new StagedRaster[scenes.Count];
        return StagedRaster.Collect(add =>
        {
            for (var s = 0; s < scenes.Count; s++)
            {
                var scene = scenes[s];
                bandRasters[s] = new StagedRaster[bands.Count];
                boaRasters[s] = new StagedRaster?[bands.Count];
                for (var b = 0; b < bands.Count; b++)
                {
                    bandRasters[s][b] = add(StagedRaster.Create(
                        grid, 10, GdalDataType.UInt16, 0, projectionWkt, [scene.Assets[b].RelativePath], CogWriter.S2BandOptions, stagingDirectory));
                    if (scene.OffsetAppliedAssets is { } boa)
                    {
                        boaRasters[s][b] = add(StagedRaster.Create(
                            grid, 10, GdalDataType.UInt16, 0, projectionWkt, [boa[b].RelativePath], CogWriter.S2BandOptions, stagingDirectory));
                    }
                }

                var scl = scene.Assets.Single(a => a.Key == "SCL");
                sclRasters[s] = add(StagedRaster.Create(
                    grid, 20, GdalDataType.Byte, 0, projectionWkt, [scl.RelativePath], CogWriter.SclOptions, stagingDirectory));
            }

            Fill(plan, bandRasters, boaRasters, sclRasters, ct);
        });
    }

    private static void Fill(SceneGroup plan, StagedRaster[][] bandRasters, StagedRaster?[][] boaRasters, StagedRaster[] sclRasters, CancellationToken ct)
    {
        var grid = plan.Grid;
        var scenes = plan.Scenes;
        var width10 = grid.Width;
        var width20 = grid.Width / 2;
        var height20 = grid.Height / 2;
        var sceneCount = scenes.Count;
        var baselines = scenes.Select(s => s.ProcessingBaseline!).ToArray();
        var gains = scenes.Select(s => s.SeasonalGain).ToArray();
        var template = scenes[0];

        var scl = new byte[sceneCount][];
        var dn = new ushort[sceneCount][][];
        var boa = new ushort[sceneCount][][];
        for (var s = 0; s < sceneCount; s++)
        {
            scl[s] = new byte[StripRows20 * width20];
            dn[s] = new ushort[4][];
            boa[s] = new ushort[4][];
            for (var b = 0; b < 4; b++)
            {
                dn[s][b] = new ushort[StripRows20 * 2 * width10];
                boa[s][b] = boaRasters[s][b] is null ? [] : new ushort[StripRows20 * 2 * width10];
            }
        }

        var inverse20 = new UtmGridInverse(grid.Zone, grid.North, grid.OriginX, width20, 20);
        var inverse10 = new UtmGridInverse(grid.Zone, grid.North, grid.OriginX, width10, 10);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        for (var row20 = 0; row20 < height20; row20 += StripRows20)
        {
            ct.ThrowIfCancellationRequested();
            var rows20 = Math.Min(StripRows20, height20 - row20);
            var first20 = row20;
            Parallel.For(0, rows20, parallel, () => new RowBuffers(width20), (r, _, buffers) =>
            {
                var n = grid.PixelCentre(0, first20 + r, 20).Northing;
                inverse20.Row(n, buffers.Longitudes, buffers.Latitudes);
                for (var c = 0; c < width20; c++)
                {
                    var (e, _) = grid.PixelCentre(c, first20 + r, 20);
                    var index = (r * width20) + c;
                    if (!SceneFootprint.IsValid(template, e, n))
                    {
                        for (var s = 0; s < sceneCount; s++)
                        {
                            scl[s][index] = SclClass.NoData;
                        }

                        continue;
                    }

                    var lon = buffers.Longitudes[c];
                    var lat = buffers.Latitudes[c];
                    var clear = GroundTruth.ClearScl(GroundTruth.LandCoverAt(lon, lat));
                    for (var s = 0; s < sceneCount; s++)
                    {
                        var cloud = scenes[s].Clouds?.ClassAt(lon, lat) ?? 0;
                        scl[s][index] = cloud != 0 ? cloud : clear;
                    }
                }

                return buffers;
            }, _ => { });

            var first10 = row20 * 2;
            var rows10 = rows20 * 2;
            Parallel.For(0, rows10, parallel, () => new RowBuffers(width10), (r, _, buffers) =>
            {
                Span<double> clear = stackalloc double[4];
                var n = grid.PixelCentre(0, first10 + r, 10).Northing;
                inverse10.Row(n, buffers.Longitudes, buffers.Latitudes);
                for (var c = 0; c < width10; c++)
                {
                    var (e, _) = grid.PixelCentre(c, first10 + r, 10);
                    var index = (r * width10) + c;
                    if (!SceneFootprint.IsValid(template, e, n))
                    {
                        for (var s = 0; s < sceneCount; s++)
                        {
                            for (var b = 0; b < 4; b++)
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

                    var sample = GroundTruth.Sample(buffers.Longitudes[c], buffers.Latitudes[c]);
                    for (var b = 0; b < 4; b++)
                    {
                        clear[b] = GroundTruth.Reflectance(in sample, b);
                    }

                    var sclIndex = ((r / 2) * width20) + (c / 2);
                    for (var s = 0; s < sceneCount; s++)
                    {
                        var cls = scl[s][sclIndex];
                        for (var b = 0; b < 4; b++)
                        {
                            var observed = GroundTruth.Observed(in sample, b, cls, GroundTruth.Seasonal(clear[b], gains[s]));
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

            for (var s = 0; s < sceneCount; s++)
            {
                sclRasters[s].Band.Write<byte>(0, row20, width20, rows20, scl[s].AsSpan(0, rows20 * width20));
                for (var b = 0; b < 4; b++)
                {
                    bandRasters[s][b].Band.Write<ushort>(0, first10, width10, rows10, dn[s][b].AsSpan(0, rows10 * width10));
                    if (boaRasters[s][b] is { } boaRaster)
                    {
                        boaRaster.Band.Write<ushort>(0, first10, width10, rows10, boa[s][b].AsSpan(0, rows10 * width10));
                    }
                }
            }
        }
    }
}
