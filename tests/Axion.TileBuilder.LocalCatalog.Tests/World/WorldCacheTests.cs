using System.Security.Cryptography;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>Determinism, cache reuse and resume, on a small world (512 px, one location).</summary>
public sealed class WorldCacheTests : IDisposable
{
    private static readonly WorldSpec Small = new([new WorldLocation("quito", -0.18, -78.47)], ScenePx: 512, Seed: 7, IncludeEarthSearchL2AVariants: false);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"axion-world-cache-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(
                f => Path.GetRelativePath(directory, f).Replace('\\', '/'),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static Dictionary<string, DateTime> WriteTimes(string directory) =>
        Directory.EnumerateFiles(directory, "*.tif", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

    [Fact]
    public void The_same_spec_gives_byte_identical_files_whether_staged_in_memory_or_on_disk()
    {
        var first = WorldBuilder.Build(Small, Path.Combine(_root, "one"), null, diskStaging: false, CancellationToken.None);
        var second = WorldBuilder.Build(Small, Path.Combine(_root, "two"), null, diskStaging: true, CancellationToken.None);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.EndsWith(first.Fingerprint, first.Directory);
        Assert.False(Directory.Exists(Path.Combine(second.Directory, ".staging")));
        var a = Hashes(first.Directory);
        var b = Hashes(second.Directory);
        Assert.Contains(WorldFiles.IndexFileName, a.Keys);
        Assert.Equal((4 * 5) + (8 * 2), a.Keys.Count(k => k.EndsWith(".tif")));
        Assert.Equal(a.OrderBy(p => p.Key), b.OrderBy(p => p.Key));
    }

    [Fact]
    public void Cancellation_stops_the_build_and_leaves_no_index()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => WorldBuilder.Build(Small, _root, null, cts.Token));
        Assert.False(File.Exists(Path.Combine(_root, WorldFingerprint.Compute(Small), WorldFiles.IndexFileName)));
    }

    [Fact]
    public void A_second_build_reuses_the_files_and_a_killed_build_resumes()
    {
        var first = WorldBuilder.Build(Small, _root);
        var times = WriteTimes(first.Directory);
        var hashes = Hashes(first.Directory);

        List<string> messages = [];
        var again = WorldBuilder.Build(Small, _root, new SyncProgress(messages.Add));
        Assert.Equal(first.Directory, again.Directory);
        Assert.Equal(first.Scenes.Select(s => s.Id), again.Scenes.Select(s => s.Id));
        Assert.Equal(first.Scenes.SelectMany(s => s.Assets).Select(a => a.FileSize), again.Scenes.SelectMany(s => s.Assets).Select(a => a.FileSize));
        Assert.Equal(first.Scenes.Select(s => s.Clouds), again.Scenes.Select(s => s.Clouds), new CloudsComparer());
        Assert.Equal((first.TimeStart, first.TimeEnd), (again.TimeStart, again.TimeEnd));
        Assert.Equal(times, WriteTimes(first.Directory));
        Assert.Contains(messages, m => m.Contains("reusing", StringComparison.Ordinal));

        // Simulate a killed generation: no index, one S2 file missing, a leftover partial file.
        File.Delete(Path.Combine(first.Directory, WorldFiles.IndexFileName));
        var s2File = first.Scenes.First(s => s.Kind == SceneKind.Sentinel2L2A).Assets[2].RelativePath;
        File.Delete(Path.Combine(first.Directory, s2File));
        var partial = Path.Combine(first.Directory, "s2", "B04.tif.partial-0123");
        File.WriteAllText(partial, "junk");

        var resumed = WorldBuilder.Build(Small, _root);
        Assert.False(File.Exists(partial));
        Assert.Equal(hashes, Hashes(resumed.Directory));
        var s1Times = times.Where(t => t.Key.Contains("/s1/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(s1Times);
        Assert.All(s1Times, t => Assert.Equal(t.Value, File.GetLastWriteTimeUtc(t.Key)));
    }

    [Fact]
    public void The_fingerprint_follows_every_part_of_the_spec()
    {
        var baseline = WorldFingerprint.Compute(Small);
        Assert.Matches("^[0-9a-f]{64}$", baseline);
        Assert.Equal(baseline, WorldFingerprint.Compute(new WorldSpec([new WorldLocation("quito", -0.18, -78.47)], 512, 7, false)));
        WorldSpec[] variants =
        [
            Small with { ScenePx = 1024 },
            Small with { Seed = 8 },
            Small with { IncludeEarthSearchL2AVariants = true },
            Small with { AoiSizeM = 10240 },
            Small with { Locations = [new WorldLocation("quito", -0.181, -78.47)] },
            Small with { Locations = [new WorldLocation("quito2", -0.18, -78.47)] },
            Small with { IncludeAllBands = true },
        ];
        Assert.Equal(variants.Length, variants.Select(WorldFingerprint.Compute).Append(baseline).Distinct().Count() - 1);
        Assert.Contains(WorldFingerprint.GeneratorVersion, WorldFingerprint.CanonicalJson(Small));

        // Worlds without the 20 m and 60 m bands keep the key they had before the option existed.
        Assert.DoesNotContain(nameof(WorldSpec.IncludeAllBands), WorldFingerprint.CanonicalJson(Small), StringComparison.Ordinal);
        Assert.Contains(nameof(WorldSpec.IncludeAllBands), WorldFingerprint.CanonicalJson(Small with { IncludeAllBands = true }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(511, 0.0, "a", "b")]
    [InlineData(512, 85.0, "a", "b")]
    [InlineData(512, 10.0, "a", "a")]
    [InlineData(512, 10.0, "a/b", "c")]
    public void Invalid_specs_are_rejected(int px, double lat, string id1, string id2)
    {
        var spec = new WorldSpec([new WorldLocation(id1, lat, 3), new WorldLocation(id2, 10, 4)], px);
        var error = Assert.Throws<InvalidWorldSpecException>(() => WorldBuilder.Build(spec, _root));
        Assert.Equal(Errors.FailureKind.BadInput, error.Kind);
        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public void Three_locations_mix_the_chosen_scenes_baselines()
    {
        var spec = new WorldSpec([new WorldLocation("a", 45, 5), new WorldLocation("b", 40, -100), new WorldLocation("c", -20, 30)]);
        var plans = ScenePlanner.Plan(spec);
        var chosen = plans.Select(p => p.S2Scenes.Single(s => s.PlanRole == ScenePlanRole.AoiPartlyCloudy).ProcessingBaseline).ToList();
        Assert.Equal(["04.00", "02.14", "05.00"], chosen);
        Assert.All(plans.SelectMany(p => p.S2Scenes), s => Assert.Equal(GroundTruth.HasBoaOffset(s.ProcessingBaseline!), s.OffsetAppliedAssets is not null));
        var noVariants = ScenePlanner.Plan(spec with { IncludeEarthSearchL2AVariants = false });
        Assert.All(noVariants.SelectMany(p => p.S2Scenes), s => Assert.Null(s.OffsetAppliedAssets));
    }

    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    private sealed class CloudsComparer : IEqualityComparer<CloudModel?>
    {
        public bool Equals(CloudModel? x, CloudModel? y) =>
            x is null ? y is null : y is not null && x with { Blobs = [] } == y with { Blobs = [] } && x.Blobs.SequenceEqual(y.Blobs);

        public int GetHashCode(CloudModel? obj) => 0;
    }
}
