using Axion.TileBuilder.Bands;
using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

/// <summary><c>--bands</c> and <c>--resampling</c> in the journal's run settings: kept for <c>resume</c>, part of the batch identity, absent when default.</summary>
public sealed class RunSettingsBandsTests
{
    private static readonly RunSettings Default = new() { CsvPath = "/data/locations.csv", Profile = BuiltInProfiles.PlanetaryComputer };

    [Fact]
    public void Default_bands_leave_the_stored_settings_as_they_were_before_the_option()
    {
        var settings = Default.WithBands(BandSelection.Parse("B02,B03,B04,B08"), BandResampling.Bilinear);

        Assert.Null(settings.Bands);
        Assert.Null(settings.Resampling);
        Assert.DoesNotContain("bands", settings.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("resampling", settings.ToJson(), StringComparison.Ordinal);
        Assert.Equal(BandSelection.Default, settings.ToBuildOptions().Bands);
    }

    [Fact]
    public void Bands_and_resampling_survive_the_journal_for_resume()
    {
        var settings = Default.WithBands(BandSelection.Parse("b02,B03,B04,B08,B05,B11,B12"), BandResampling.Cubic);

        var back = RunSettings.FromJson(settings.ToJson()).ToBuildOptions();

        Assert.Equal(["B02", "B03", "B04", "B08", "B05", "B11", "B12"], back.Bands.Select(b => b.Name));
        Assert.Equal(BandResampling.Cubic, back.Resampling);
    }

    [Fact]
    public void The_bands_their_order_and_the_resampling_of_coarse_bands_are_part_of_the_batch_identity()
    {
        var seven = Default.WithBands(BandSelection.Parse("B02,B03,B04,B08,B05,B11,B12"), BandResampling.Bilinear);
        string[] identities =
        [
            Default.IdentityJson(),
            seven.IdentityJson(),
            Default.WithBands(BandSelection.Parse("B02,B03,B04,B08,B05,B12,B11"), BandResampling.Bilinear).IdentityJson(),
            seven.WithBands(seven.SelectedBands, BandResampling.Nearest).IdentityJson(),
        ];

        Assert.Equal(identities.Length, identities.Distinct(StringComparer.Ordinal).Count());

        // The resampling of 10 m bands changes nothing: not part of the identity then.
        Assert.Equal(Default.IdentityJson(), Default.WithBands(BandSelection.Default, BandResampling.Cubic).IdentityJson());
    }

    [Fact]
    public void Band_names_a_profile_maps_but_the_batch_does_not_read_are_not_part_of_its_identity()
    {
        // A batch started before the built-in profiles named every band continues as the same batch.
        var pc = BuiltInProfiles.PlanetaryComputer;
        var before = Default with
        {
            Profile = pc with { Sentinel2 = pc.Sentinel2 with { Assets = pc.Sentinel2.Assets.Where(a => a.Key is "B02" or "B03" or "B04" or "B08" or "SCL").ToDictionary() } },
        };

        Assert.Equal(before.IdentityJson(), Default.IdentityJson());
    }
}
