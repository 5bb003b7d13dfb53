namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The Sentinel-2 dates of a <see cref="WorldLayout.Seasons"/> or <see cref="WorldLayout.SeasonsWithGap"/> location:
/// in each quarter of <see cref="Year"/> (starting 1 January, 1 April, 1 July, 1 October) an
/// <see cref="ScenePlanRole.AoiOvercast"/> scene <see cref="OvercastDay"/> days after the quarter's start and an
/// <see cref="ScenePlanRole.AoiClear"/> one <see cref="ClearDay"/> days after it (days 30/40, 120/130, 211/221, 303/313 of
/// the year, counted from 0), all of baseline <see cref="Baseline"/>. The clear scene of the third quarter is left out
/// with the gap. Every date (and every Sentinel-1 date, 2 days before to 5 days after) lies at least 27 days inside its
/// part of a four-part split of the year (parts from day 0, 91, 182, 273), so a time series over the year with the usual
/// selection tries the overcast scene of each part first (lower scene cloud), rejects it on SCL and picks the clear one.
/// </summary>
internal static class SeasonalCalendar
{
    /// <summary>The calendar year of the scenes.</summary>
    public const int Year = 2023;

    /// <summary>Days from a quarter's start to its overcast scene.</summary>
    public const int OvercastDay = 30;

    /// <summary>Days from a quarter's start to its clear scene.</summary>
    public const int ClearDay = 40;

    /// <summary>Processing baseline of every scene (with the +1000 DN offset).</summary>
    public const string Baseline = "05.00";

    /// <summary>The quarter (0..3) whose clear scene <see cref="WorldLayout.SeasonsWithGap"/> leaves out.</summary>
    public const int GapQuarter = 2;

    /// <summary>True for the layouts this calendar plans.</summary>
    public static bool IsSeasonal(WorldLayout layout) => layout is WorldLayout.Seasons or WorldLayout.SeasonsWithGap;

    /// <summary>The dates, oldest first: per quarter the overcast scene, then (but for the gap) the clear one.</summary>
    public static IReadOnlyList<SceneSlot> Slots(bool withGap)
    {
        List<SceneSlot> slots = [];
        for (var quarter = 0; quarter < 4; quarter++)
        {
            var start = new DateOnly(Year, (3 * quarter) + 1, 1);
            slots.Add(new SceneSlot(start.AddDays(OvercastDay), ScenePlanRole.AoiOvercast, Baseline));
            if (!(withGap && quarter == GapQuarter))
            {
                slots.Add(new SceneSlot(start.AddDays(ClearDay), ScenePlanRole.AoiClear, Baseline));
            }
        }

        return slots;
    }
}
