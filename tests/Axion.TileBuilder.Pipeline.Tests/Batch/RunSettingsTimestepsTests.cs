using Axion.TileBuilder.Pipeline.Batch;
using Axion.TileBuilder.Pipeline.Profiles;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

/// <summary><c>--timesteps</c> and <c>--min-timesteps</c> in the journal's run settings: kept for <c>resume</c>, part of the batch identity, absent when default.</summary>
public sealed class RunSettingsTimestepsTests
{
    private static readonly RunSettings Default = new() { CsvPath = "/data/locations.csv", Profile = BuiltInProfiles.PlanetaryComputer };

    [Fact]
    public void One_timestep_leaves_the_stored_settings_as_they_were_before_the_option()
    {
        var settings = Default.WithTimesteps(1, null);

        Assert.Equal(Default.ToJson(), settings.ToJson());
        Assert.DoesNotContain("timesteps", settings.ToJson(), StringComparison.Ordinal);
        Assert.Equal(1, settings.TimestepCount);
        Assert.Equal((1, (int?)null), (settings.ToBuildOptions().Timesteps, settings.ToBuildOptions().MinTimesteps));
    }

    [Fact]
    public void Timesteps_survive_the_journal_for_resume_and_a_minimum_equal_to_them_is_stored_as_all()
    {
        var back = RunSettings.FromJson(Default.WithTimesteps(4, 3).ToJson()).ToBuildOptions();
        Assert.Equal((4, 3), (back.Timesteps, back.RequiredTimesteps));

        var all = Default.WithTimesteps(4, 4);
        Assert.Null(all.MinTimesteps);
        Assert.Equal(4, all.ToBuildOptions().RequiredTimesteps);
    }

    [Fact]
    public void Timesteps_and_their_minimum_are_part_of_the_batch_identity()
    {
        string[] identities =
        [
            Default.IdentityJson(),
            Default.WithTimesteps(4, null).IdentityJson(),
            Default.WithTimesteps(4, 2).IdentityJson(),
            Default.WithTimesteps(12, null).IdentityJson(),
        ];

        Assert.Equal(identities.Length, identities.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Default.WithTimesteps(4, null).IdentityJson(), Default.WithTimesteps(4, 4).IdentityJson());
    }
}
