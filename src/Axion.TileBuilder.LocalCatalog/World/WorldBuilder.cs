using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.LocalCatalog.World.Generation;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// Generates a synthetic world of real COG files (GDAL's COG driver) under <c>&lt;cacheRoot&gt;/&lt;fingerprint&gt;/</c>,
/// or returns the one already there.
/// <para>
/// Per location (see <see cref="ScenePlanRole"/>, <see cref="SceneCalendar"/>): four Sentinel-2 L2A scenes A-D on one
/// grid in the location's UTM zone (origin a multiple of 60 m, the location 0.7-4 km off-centre, a nodata wedge in the
/// far corner), files <c>s2/&lt;id&gt;/{B02,B03,B04,B08}.tif</c> (UInt16, DEFLATE + PREDICTOR=2, 1024 blocks, nodata 0)
/// and <c>s2/&lt;id&gt;/SCL.tif</c> (Byte, 20 m, 512 blocks, nodata 0), with <see cref="WorldSpec.IncludeAllBands"/> also
/// <c>s2/&lt;id&gt;/{B05,B06,B07,B8A,B11,B12}.tif</c> (20 m, 512 blocks) and <c>{B01,B09}.tif</c> (60 m, 256 blocks), plus <c>s2/&lt;id&gt;/boa/*.tif</c> for
/// <see cref="SyntheticScene.OffsetAppliedAssets"/>; and eight Sentinel-1 RTC scenes (2 days before and 5 days after each
/// Sentinel-2 date) on another 10 m grid of the same zone, files <c>s1/&lt;id&gt;/{vv,vh}.tif</c> (Float32 linear power,
/// DEFLATE + PREDICTOR=3, 512 blocks, nodata -32768). All files have overviews (for scenes of at least 2048 px).
/// With <see cref="WorldSpec.IncludeS1Grd"/>, also a GRD product per Sentinel-1 acquisition, files
/// <c>s1grd/&lt;id&gt;/{vv,vh}.tif</c> (UInt16 amplitude, GCPs only, nodata 0; see <see cref="GrdGeometry"/>).
/// A place with a seasonal layout (<see cref="WorldLayout.Seasons"/>, <see cref="WorldLayout.SeasonsWithGap"/>) has the same
/// files for its eight (seven) Sentinel-2 dates of 2023 and their sixteen (fourteen) Sentinel-1 acquisitions, each scene's
/// pixels scaled or shifted by its date (<see cref="GroundTruth.SeasonalGain"/>, <see cref="GroundTruth.SeasonalS1OffsetDb"/>).
/// </para>
/// <para>
/// Same spec, same bytes. Each file is written under a temporary name and renamed; <c>world.json</c> is written last,
/// so an interrupted generation is resumed (finished files are kept) by the next call.
/// </para>
/// </summary>
public static class WorldBuilder
{
    /// <summary>Scenes larger than this (10 m pixels per side) are staged in temporary GeoTIFFs instead of memory.</summary>
    public const int MemoryStagingMaxPx = 4096;

    private const string StagingFolder = ".staging";
    private const string LockFile = ".lock";

    /// <summary>Generates (or loads from the cache) the world of <paramref name="spec"/>.</summary>
    /// <exception cref="InvalidWorldSpecException">The spec is invalid.</exception>
    /// <exception cref="GdalException">GDAL failed to write a file.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; finished files stay for the next call.</exception>
    public static SyntheticWorld Build(WorldSpec spec, string cacheRoot, IProgress<string>? progress = null, CancellationToken ct = default) =>
        Build(spec, cacheRoot, progress, spec?.ScenePx > MemoryStagingMaxPx, ct);

    /// <summary><see cref="Build(WorldSpec, string, IProgress{string}?, CancellationToken)"/> choosing the staging (tests).</summary>
    internal static SyntheticWorld Build(WorldSpec spec, string cacheRoot, IProgress<string>? progress, bool diskStaging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(cacheRoot);
        var plans = ScenePlanner.Plan(spec);
        var fingerprint = WorldFingerprint.Compute(spec);
        var directory = Path.GetFullPath(Path.Combine(cacheRoot, fingerprint));
        if (WorldIndex.TryLoad(directory) is { } cached)
        {
            progress?.Report($"world {fingerprint[..12]}: reusing {directory}");
            return cached;
        }

        Directory.CreateDirectory(directory);
        using var exclusive = AcquireLock(directory, ct);
        if (WorldIndex.TryLoad(directory) is { } built)
        {
            return built;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        RemovePartials(directory);
        GdalRuntime.Initialize();
        string? staging = null;
        if (diskStaging)
        {
            staging = Path.Combine(directory, StagingFolder);
            Directory.CreateDirectory(staging);
        }

        Dictionary<int, string> wkts = [];
        foreach (var plan in plans)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report($"world {fingerprint[..12]}: {ScenePlanner.Describe(plan)}");
            foreach (var group in plan.S2RenderGroups)
            {
                if (!AllFilesExist(directory, group.Scenes))
                {
                    CogWriter.WriteAll(S2GridRenderer.Render(group, Wkt(wkts, group.Grid.Epsg), staging, ct), directory, progress, ct);
                    if (spec.IncludeAllBands)
                    {
                        CogWriter.WriteAll(S2CoarseBandRenderer.Render(group, Wkt(wkts, group.Grid.Epsg), staging, ct), directory, progress, ct);
                    }
                }
            }

            foreach (var group in plan.S1RenderGroups)
            {
                if (!AllFilesExist(directory, group.Scenes))
                {
                    CogWriter.WriteAll(S1GridRenderer.Render(group, Wkt(wkts, group.Grid.Epsg), staging, ct), directory, progress, ct);
                }
            }

            if (plan.GrdScenes is { } grd && !AllFilesExist(directory, grd))
            {
                GrdRenderer.Write(plan, directory, progress, ct);
            }
        }

        if (staging is not null)
        {
            Directory.Delete(staging, recursive: true);
        }

        var scenes = plans.SelectMany(p => p.S2Scenes.Concat(p.S1Scenes).Concat(p.GrdScenes ?? [])).Select(s => WithFileSizes(s, directory)).ToList();
        var start = scenes.Min(s => s.Datetime).UtcDateTime.Date;
        var end = scenes.Max(s => s.Datetime).UtcDateTime.Date.AddDays(1);
        var world = new SyntheticWorld(
            directory,
            scenes,
            fingerprint,
            new DateTimeOffset(start, TimeSpan.Zero),
            new DateTimeOffset(end, TimeSpan.Zero));
        WorldIndex.Save(world, directory);
        progress?.Report($"world {fingerprint[..12]}: {scenes.Count} scenes generated in {started.Elapsed.TotalSeconds:F1} s");
        return world;
    }

    private static string Wkt(Dictionary<int, string> cache, int epsg)
    {
        if (!cache.TryGetValue(epsg, out var wkt))
        {
            using var srs = SpatialReference.FromEpsg(epsg);
            wkt = srs.ToWkt();
            cache[epsg] = wkt;
        }

        return wkt;
    }

    private static bool AllFilesExist(string directory, IEnumerable<SyntheticScene> scenes) =>
        scenes.SelectMany(WorldIndex.AllAssets).All(a => File.Exists(Path.Combine(directory, a.RelativePath)));

    private static SyntheticScene WithFileSizes(SyntheticScene scene, string directory)
    {
        IReadOnlyList<SceneAssetFile> Sized(IReadOnlyList<SceneAssetFile> assets) =>
            assets.Select(a => a with { FileSize = new FileInfo(Path.Combine(directory, a.RelativePath)).Length }).ToList();

        return scene with
        {
            Assets = Sized(scene.Assets),
            OffsetAppliedAssets = scene.OffsetAppliedAssets is { } extra ? Sized(extra) : null,
        };
    }

    private static void RemovePartials(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, $"*{CogWriter.PartialMarker}*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        var staging = Path.Combine(directory, StagingFolder);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>An exclusive lock on the world folder, so two builders of the same world take turns.</summary>
    private static FileStream AcquireLock(string directory, CancellationToken ct)
    {
        var path = Path.Combine(directory, LockFile);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromHours(2))
            {
                Thread.Sleep(250);
            }
            catch (IOException ex)
            {
                throw new AxionException(FailureKind.Environment, $"The world folder '{directory}' stayed locked by another builder.", ex);
            }
        }
    }
}
