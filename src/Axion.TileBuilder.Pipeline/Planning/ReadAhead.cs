using System.Collections.Concurrent;
using Axion.TileBuilder.Pipeline.Mosaics;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Rows;
using Axion.TileBuilder.Radiometry;
using Axion.TileBuilder.Stac.Model;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// A build reads the band windows (every <c>--bands</c> band) of the best Sentinel-2 acquisition while its SCL is checked, not after the verdict,
/// when that acquisition is one item whose scene cloud is at most <see cref="MaxSceneCloud"/>: such a scene is nearly
/// always chosen, and its reads leave the row's critical path. When it is rejected anyway, the windows read are wasted
/// and their bytes stay on the row's cost (in <see cref="RowPlan.PlanBytes"/>). <c>plan</c> never reads ahead (it reads no
/// band pixels). Rows of several timesteps (<c>--timesteps</c>) do not read ahead either: their parts' reads already run
/// at the same time, so a part's round trip saved shortens the row little, while a rejected best scene would waste its
/// windows in every part (about a quarter of the row's bytes on the local world, whose lowest-cloud scene of each quarter
/// is overcast over the AOI).
/// </summary>
/// <param name="Rule">The radiometric rule of the item (the rule its reads would get if it is chosen).</param>
internal sealed record ReadAhead(S2RadiometryRule Rule)
{
    /// <summary>Largest scene cloud cover, percent, of a best acquisition whose band windows are read ahead: 10.</summary>
    public const double MaxSceneCloud = 10;

    /// <summary>The converted windows by band, filled by the reads as they finish.</summary>
    public ConcurrentDictionary<string, float[]> Windows { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True when a build with <paramref name="options"/> reads <paramref name="best"/>'s band windows ahead: one timestep,
    /// one item, scene cloud at most <see cref="MaxSceneCloud"/>.
    /// </summary>
    public static bool Applies(Options.BuildOptions options, Acquisition best) =>
        options.Timesteps == 1 && !best.IsMosaic && best.CloudCover is { } cloud && cloud <= MaxSceneCloud;

    /// <summary>The read-ahead of <paramref name="best"/> in a build (<see cref="RowEnvironment.ReadAheadBands"/>), or null when it does not apply.</summary>
    /// <param name="env">The row's environment.</param>
    /// <param name="best">The best acquisition.</param>
    /// <param name="items">The search's items by id.</param>
    /// <param name="source">The Sentinel-2 source.</param>
    /// <param name="bands">The bands read (<c>--bands</c>), which the rule is chosen for.</param>
    public static ReadAhead? For(RowEnvironment env, Acquisition best, IReadOnlyDictionary<string, StacItem> items, SourceProfile source, IReadOnlyList<string> bands)
    {
        if (!env.ReadAheadBands || !Applies(env.Options, best))
        {
            return null;
        }

        try
        {
            return new ReadAhead(S2RadiometryChoice.For(items[best.Items[0].Id], source, bands));
        }
        catch (Errors.AxionException)
        {
            return null; // the regular path reports the item's problem if it is chosen
        }
    }
}
