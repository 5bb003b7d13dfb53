using System.Text.Json;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

public class RunSettingsTests
{
    /// <summary>Every field set to a value other than its default.</summary>
    private static RunSettings Custom() => new()
    {
        CsvPath = "/data/locations.csv",
        Profile = BuiltInProfiles.EarthSearch,
        TilesX = 3,
        TilesY = 4,
        TileSize = 128,
        Workers = 7,
        Start = new DateOnly(2024, 3, 1),
        End = new DateOnly(2024, 9, 30),
        MaxSceneCloud = 42.5,
        MinClear = 0.8,
        MinValid = 0.75,
        MaxCandidates = 9,
        S1MaxDays = 6.5,
        InvalidScl = "0,1,3,8,9,10,11",
        WindowDays = 90,
        IncludeScl = true,
        IncludeValidMask = true,
        Compressed = false,
        CompressionLevel = 7,
        StrictHosts = true,
        MaxStacRps = 2.5,
    };

    [Fact]
    public void Json_round_trip_keeps_every_field()
    {
        var settings = Custom();

        var json = settings.ToJson();
        var back = RunSettings.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal("/data/locations.csv", back.CsvPath);
        Assert.Equal((3, 4, 128, 7), (back.TilesX, back.TilesY, back.TileSize, back.Workers));
        Assert.Equal(new DateOnly(2024, 3, 1), back.Start);
        Assert.Equal(new DateOnly(2024, 9, 30), back.End);
        Assert.Equal((42.5, 0.8, 0.75, 9, 6.5), (back.MaxSceneCloud, back.MinClear, back.MinValid, back.MaxCandidates, back.S1MaxDays));
        Assert.Equal("0,1,3,8,9,10,11", back.InvalidScl);
        Assert.Equal(90, back.WindowDays);
        Assert.True(back.IncludeScl);
        Assert.True(back.IncludeValidMask);
        Assert.False(back.Compressed);
        Assert.Equal(7, back.CompressionLevel);
        Assert.True(back.StrictHosts);
        Assert.Equal(2.5, back.MaxStacRps);
        Assert.Equal("earth-search", back.Profile.Name);
        Assert.Equal("red", back.Profile.Sentinel2.Assets["B04"]);
        Assert.Equal(BuiltInProfiles.PlanetaryComputerToken, back.Profile.Sentinel1.Signing!.TokenUrl);
        Assert.Null(back.Profile.Sentinel2.Signing);
    }

    [Fact]
    public void Json_uses_the_documented_names_and_iso_dates()
    {
        using var doc = JsonDocument.Parse(Custom().ToJson());
        var root = doc.RootElement;

        Assert.Equal("/data/locations.csv", root.GetProperty("csv").GetString());
        Assert.Equal(3, root.GetProperty("tiles_x").GetInt32());
        Assert.Equal("2024-03-01", root.GetProperty("start").GetString());
        Assert.Equal(0.75, root.GetProperty("min_valid").GetDouble());
        Assert.Equal(2.5, root.GetProperty("max_stac_rps").GetDouble());
        Assert.Equal("sentinel-2-c1-l2a", root.GetProperty("profile").GetProperty("sentinel2").GetProperty("collection").GetString());
    }

    [Fact]
    public void Json_round_trip_of_defaults_keeps_null_dates()
    {
        var settings = new RunSettings { CsvPath = "a.csv", Profile = BuiltInProfiles.PlanetaryComputer };

        var back = RunSettings.FromJson(settings.ToJson());

        Assert.Null(back.Start);
        Assert.Null(back.End);
        Assert.Equal((2, 2, 256, 4, 30.0, 0.9, 0.9, 5, 12.0, 365), (back.TilesX, back.TilesY, back.TileSize, back.Workers, back.MaxSceneCloud, back.MinClear, back.MinValid, back.MaxCandidates, back.S1MaxDays, back.WindowDays));
        Assert.Equal(SclClassSet.DefaultInvalid.ToString(), back.InvalidScl);
        Assert.True(back.Compressed);
    }

    [Fact]
    public void Identity_ignores_workers_urls_signing_and_description()
    {
        var settings = Custom();
        var identity = settings.IdentityJson();

        Assert.Equal(identity, (settings with { Workers = 1 }).IdentityJson());
        Assert.Equal(identity, (settings with { StrictHosts = false }).IdentityJson());
        Assert.Equal(identity, (settings with { MaxStacRps = 0 }).IdentityJson());
        Assert.Equal(identity, (settings with { MaxStacRps = 1000 }).IdentityJson());
        Assert.Equal(identity, (settings with { Profile = ProfileLoader.WithOverrides(settings.Profile, "http://127.0.0.1:40123/api/stac/v1", "http://127.0.0.1:40123/api/sas/v1/token") }).IdentityJson());
        Assert.Equal(identity, (settings with { Profile = settings.Profile with { Description = "another text" } }).IdentityJson());
        Assert.Equal(identity, (settings with { Profile = settings.Profile with { Sentinel1 = settings.Profile.Sentinel1 with { StacUrl = "http://localhost:1/stac" } } }).IdentityJson());
    }

    [Fact]
    public void Settings_stored_before_the_rate_cap_existed_read_as_the_default_cap_and_the_same_identity()
    {
        var stored = System.Text.Json.Nodes.JsonNode.Parse(Custom().ToJson())!.AsObject();
        Assert.True(stored.Remove("max_stac_rps"));
        var json = stored.ToJsonString(); // as a journal of an older version holds it

        var back = RunSettings.FromJson(json);

        Assert.Equal(Options.BuildOptionSpecs.MaxStacRps.Default, back.MaxStacRps);
        Assert.Equal(Custom().IdentityJson(), back.IdentityJson());
    }

    [Fact]
    public void Settings_stored_before_the_compression_level_existed_read_as_the_default_level_and_the_same_identity()
    {
        var stored = System.Text.Json.Nodes.JsonNode.Parse(Custom().ToJson())!.AsObject();
        Assert.True(stored.Remove("compression_level"));

        var back = RunSettings.FromJson(stored.ToJsonString());

        Assert.Equal(Options.BuildOptionSpecs.CompressionLevel.Default, back.CompressionLevel);
        Assert.Equal(Custom().IdentityJson(), back.IdentityJson());
        Assert.Equal(Custom().IdentityJson(), (Custom() with { CompressionLevel = 9 }).IdentityJson()); // sizes change, arrays do not
    }

    [Fact]
    public void Identity_changes_with_everything_that_changes_the_output()
    {
        var settings = Custom();
        var identity = settings.IdentityJson();
        RunSettings[] variants =
        [
            settings with { TilesX = 2 },
            settings with { TilesY = 2 },
            settings with { TileSize = 256 },
            settings with { Start = new DateOnly(2024, 3, 2) },
            settings with { End = null },
            settings with { MaxSceneCloud = 42 },
            settings with { MinClear = 0.81 },
            settings with { MinValid = 0.9 },
            settings with { MaxCandidates = 8 },
            settings with { S1MaxDays = 7 },
            settings with { InvalidScl = "0,1,3,8,9,10" },
            settings with { WindowDays = 91 },
            settings with { IncludeScl = false },
            settings with { IncludeValidMask = false },
            settings with { Compressed = true },
            settings with { Profile = settings.Profile with { Sentinel2 = settings.Profile.Sentinel2 with { Collection = "sentinel-2-l2a" } } },
            settings with { Profile = settings.Profile with { Sentinel2 = settings.Profile.Sentinel2 with { Flavor = "earth-search-l2a" } } },
        ];

        foreach (var variant in variants)
        {
            Assert.NotEqual(identity, variant.IdentityJson());
        }
    }

    [Fact]
    public void ToBuildOptions_maps_every_field()
    {
        var options = Custom().ToBuildOptions();

        Assert.Equal(3, options.TilesX);
        Assert.Equal(4, options.TilesY);
        Assert.Equal(128, options.TileSize);
        Assert.Equal(7, options.Workers);
        Assert.Equal(new DateOnly(2024, 3, 1), options.Start);
        Assert.Equal(new DateOnly(2024, 9, 30), options.End);
        Assert.True(options.IncludeScl);
        Assert.True(options.IncludeValidMask);
        Assert.False(options.Compressed);
        Assert.Equal(7, options.CompressionLevel);
        Assert.Equal(0, options.TileCompressionLevel);
        Assert.True(options.StrictHosts);
        Assert.Equal(2.5, options.MaxStacRps);
        Assert.Equal(42.5, options.Selection.MaxSceneCloud);
        Assert.Equal(0.8, options.Selection.MinClear);
        Assert.Equal(0.75, options.Selection.MinValid);
        Assert.Equal(9, options.Selection.MaxCandidatesToCheck);
        Assert.Equal(6.5, options.Selection.S1MaxDays);
        Assert.Equal(SclClassSet.Of(0, 1, 3, 8, 9, 10, 11), options.Selection.InvalidSclClasses);
        Assert.Equal(90, options.Selection.DefaultWindowDays);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ToBuildOptions_of_defaults_equals_the_build_defaults()
    {
        var options = new RunSettings { CsvPath = "a.csv", Profile = BuiltInProfiles.PlanetaryComputer }.ToBuildOptions();

        Assert.Equal(new Options.BuildOptions(), options);
    }
}
