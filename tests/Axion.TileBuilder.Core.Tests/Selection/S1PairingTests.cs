using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Core.Tests.Selection;

public class S1PairingTests
{
    private static readonly AoiExtent Aoi = AoiExtent.FromBounds(new GeoBounds(2.30, 48.83, 2.40, 48.88));
    private static readonly DateTimeOffset S2Time = new(2024, 6, 16, 10, 50, 0, TimeSpan.Zero);

    private static SceneCandidate S1(string id, double days, bool all = true, double[]? bbox = null, string orbit = "ascending") => new()
    {
        Id = id,
        Collection = "sentinel-1-rtc",
        Datetime = S2Time.AddDays(days),
        BboxLonLat = bbox ?? [0, 47, 4, 50],
        HasAllAssets = all,
        MissingAssets = all ? [] : ["vh"],
        OrbitState = orbit,
    };

    [Fact]
    public void Nearest_eligible_acquisition_wins()
    {
        var result = S1Pairing.Choose(
            S2Time,
            [S1("far", 13), S1("no-vh", 0.5, all: false), S1("off-aoi", 1, bbox: [10, 40, 11, 41]), S1("after", 2.5), S1("before", -2)],
            TimeSpan.FromDays(12),
            Aoi);

        Assert.Equal("before", result.Chosen!.Id);
        Assert.Equal(-2, result.DeltaDays!.Value, 1e-9);
        Assert.Equal(["before", "after"], result.Eligible.Select(c => c.Id));
        Assert.Equal(["before", "after", "far", "no-vh", "off-aoi"], result.Decisions.Select(d => d.Id));
        Assert.Equal("nearest: S1 - S2 = -2.00 days", result.Decisions[0].Reason);
        Assert.Equal("fallback: S1 - S2 = +2.50 days", result.Decisions[1].Reason);
        Assert.Equal("|S1 - S2| 13.00 days > max 12 days", result.Decisions[2].Reason);
        Assert.Equal("missing assets vh", result.Decisions[3].Reason);
        Assert.StartsWith("does not cover AOI", result.Decisions[4].Reason);
    }

    [Fact]
    public void Equal_distances_go_to_the_lower_id_regardless_of_orbit()
    {
        var result = S1Pairing.Choose(
            S2Time,
            [S1("s1b", 3, orbit: "descending"), S1("s1a", -3, orbit: "ascending")],
            TimeSpan.FromDays(12),
            Aoi);
        Assert.Equal("s1a", result.Chosen!.Id);
        Assert.Equal(-3, result.DeltaDays!.Value, 1e-9);

        var swapped = S1Pairing.Choose(S2Time, [S1("s1a", 3), S1("s1b", -3)], TimeSpan.FromDays(12), Aoi);
        Assert.Equal("s1a", swapped.Chosen!.Id);
        Assert.Equal(3, swapped.DeltaDays!.Value, 1e-9);
    }

    [Fact]
    public void Window_edge_is_inclusive_and_signed_delta_is_fractional()
    {
        var result = S1Pairing.Choose(S2Time, [S1("edge", -12)], TimeSpan.FromDays(12), Aoi);
        Assert.Equal(-12, result.DeltaDays);

        var hours = S1Pairing.Choose(S2Time, [S1("x", 0.25)], TimeSpan.FromDays(1), Aoi);
        Assert.Equal(0.25, hours.DeltaDays!.Value, 1e-9);
    }

    [Fact]
    public void No_pair_gives_null_with_reasons()
    {
        var result = S1Pairing.Choose(S2Time, [S1("far", 20), S1("no-vh", 1, all: false)], TimeSpan.FromDays(12), Aoi);
        Assert.Null(result.Chosen);
        Assert.Null(result.DeltaDays);
        Assert.Empty(result.Eligible);
        Assert.All(result.Decisions, d => Assert.Equal(SelectionVerdict.Rejected, d.Verdict));

        Assert.Null(S1Pairing.Choose(S2Time, [], TimeSpan.FromDays(12), Aoi).Chosen);
    }
}
