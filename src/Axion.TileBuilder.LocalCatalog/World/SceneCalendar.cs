namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// Dates and processing baselines of the Sentinel-2 scenes of a location.
/// <list type="bullet">
/// <item>Even location index: 2022 dates (from 2022-03-02, 23 days later per further even location),
/// baseline 04.00 for A, B, D; C is 04.00 (index 0, 4, 8, ...) or 05.00 (index 2, 6, ...).</item>
/// <item>Odd location index: May-June 2021 dates (from 2021-05-03), baseline 02.14 for all four.</item>
/// </list>
/// Day offsets from the location's base date: B +0, A +5, C +10, D +20. Sentinel-1: for each Sentinel-2 date an
/// ascending acquisition 2 days before and a descending one 5 days after. The seasonal layouts have their own dates
/// (<see cref="SeasonalCalendar"/>).
/// </summary>
internal static class SceneCalendar
{
    /// <summary>Scenes A-D, in the order they are planned (the order the location's random numbers are drawn in).</summary>
    public static readonly IReadOnlyList<ScenePlanRole> Roles =
        [ScenePlanRole.AoiOvercast, ScenePlanRole.SceneCloudy, ScenePlanRole.AoiPartlyCloudy, ScenePlanRole.AoiClear];

    /// <summary>The Sentinel-2 dates of a location: scenes A-D, or for a seasonal layout those of <see cref="SeasonalCalendar"/>.</summary>
    public static IReadOnlyList<SceneSlot> Slots(int locationIndex, WorldLayout layout) => SeasonalCalendar.IsSeasonal(layout)
        ? SeasonalCalendar.Slots(layout == WorldLayout.SeasonsWithGap)
        : [.. Roles.Select(role => new SceneSlot(Date(locationIndex, role), role, Baseline(locationIndex, role)))];

    public static DateOnly Date(int locationIndex, ScenePlanRole role)
    {
        var k = locationIndex / 2;
        var baseDate = locationIndex % 2 == 0
            ? new DateOnly(2022, 3, 2).AddDays((k * 23) % 230)
            : new DateOnly(2021, 5, 3).AddDays((k % 3) * 7);
        return baseDate.AddDays(role switch
        {
            ScenePlanRole.SceneCloudy => 0,
            ScenePlanRole.AoiOvercast => 5,
            ScenePlanRole.AoiPartlyCloudy => 10,
            _ => 20,
        });
    }

    public static string Baseline(int locationIndex, ScenePlanRole role)
    {
        if (locationIndex % 2 == 1)
        {
            return "02.14";
        }

        return role == ScenePlanRole.AoiPartlyCloudy && (locationIndex / 2) % 2 == 1 ? "05.00" : "04.00";
    }

    /// <summary>UTC time of a pass at a local solar hour over a longitude, on a UTC date.</summary>
    public static DateTimeOffset Pass(DateOnly date, double localSolarHour, double longitude, int jitterSeconds)
    {
        var hours = localSolarHour - (Geo.Utm.NormalizeLongitude(longitude) / 15);
        hours = ((hours % 24) + 24) % 24;
        var seconds = (int)Math.Floor(hours * 3600) + jitterSeconds;
        seconds = Math.Clamp(seconds, 0, (24 * 3600) - 60);
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(seconds);
    }
}
