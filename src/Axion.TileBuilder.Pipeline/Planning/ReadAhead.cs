using Axion.TileBuilder.Pipeline.Mosaics;
using Axion.TileBuilder.Pipeline.Profiles;
using Axion.TileBuilder.Pipeline.Reading;
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
/// <para>
/// The plan waits only for each window's COG header (<see cref="Plans"/>), not for the window: the build's other reads (the
/// Sentinel-1 windows) start at the SCL verdict while the windows are still being fetched and decoded, and the build
/// awaits the windows <see cref="Keep"/> gives. Once kept, the reads run on after the plan ends; they are cancelled when
/// the plan ends without keeping them (it failed), or with the row's attempt (whose token the reads' source is linked to,
/// and dropped with).
/// </para>
/// </summary>
internal sealed class ReadAhead
{
    /// <summary>Largest scene cloud cover, percent, of a best acquisition whose band windows are read ahead: 10.</summary>
    public const double MaxSceneCloud = 10;

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop;
    private readonly List<Task<AssetReadPlan>> _plans = [];
    private readonly Dictionary<string, Task<AssetReadResult<float[]>>> _windows = new(StringComparer.Ordinal);
    private bool _kept;

    private ReadAhead(S2RadiometryRule rule, CancellationToken row, CancellationToken ahead)
    {
        Rule = rule;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(row);
        ahead.Register(() =>
        {
            lock (_gate)
            {
                if (!_kept)
                {
                    _stop.Cancel();
                }
            }
        });
    }

    /// <summary>The radiometric rule of the item (the rule its reads would get if it is chosen).</summary>
    public S2RadiometryRule Rule { get; }

    /// <summary>The token of the reads: cancelled with the row, or when the plan ends without <see cref="Keep"/>.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Each band's read plan (from its COG header), in the order the reads were added; a failed read faults its plan.</summary>
    public IReadOnlyList<Task<AssetReadPlan>> Plans => _plans;

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
    /// <param name="row">The row's token.</param>
    /// <param name="ahead">The plan's token for work ahead, cancelled when the plan ends.</param>
    public static ReadAhead? For(
        RowEnvironment env, Acquisition best, IReadOnlyDictionary<string, StacItem> items, SourceProfile source, IReadOnlyList<string> bands, CancellationToken row, CancellationToken ahead)
    {
        if (!env.ReadAheadBands || !Applies(env.Options, best))
        {
            return null;
        }

        try
        {
            return new ReadAhead(S2RadiometryChoice.For(items[best.Items[0].Id], source, bands), row, ahead);
        }
        catch (Errors.AxionException)
        {
            return null; // the regular path reports the item's problem if it is chosen
        }
    }

    /// <summary>
    /// Starts the read of <paramref name="band"/>'s window: <paramref name="read"/> runs one asset read that reports the
    /// window's plan to its callback argument as soon as the header is inspected, then reads the window. Returns the
    /// read as a header probe (its plan, and the bytes of the whole read), as the other probes of the acquisition.
    /// </summary>
    public Task<AssetReadResult<AssetReadPlan>> Start(string band, Func<Action<AssetReadPlan>, Task<AssetReadResult<(AssetReadPlan Plan, float[] Window)>>> read)
    {
        var plan = new TaskCompletionSource<AssetReadPlan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var window = read(p => plan.TrySetResult(p));
        _plans.Add(Observed(plan.Task));
        _windows[band] = Observed(Map(window, r => r.Window));
        _ = window.ContinueWith(
            t =>
            {
                if (t.IsCanceled)
                {
                    plan.TrySetCanceled();
                }
                else if (t.Exception is { } ex)
                {
                    plan.TrySetException(ex.InnerExceptions);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return Map(window, r => r.Plan);
    }

    /// <summary>The plan keeps the reads (its acquisition was chosen): they run on after it ends. Returns the windows by band.</summary>
    public IReadOnlyDictionary<string, Task<AssetReadResult<float[]>>> Keep()
    {
        lock (_gate)
        {
            _kept = true;
        }

        return _windows;
    }

    /// <summary>A task whose failure is observed (a read the plan did not keep may fail unawaited).</summary>
    private static Task<T> Observed<T>(Task<T> task)
    {
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private static async Task<AssetReadResult<TOut>> Map<TOut>(Task<AssetReadResult<(AssetReadPlan Plan, float[] Window)>> read, Func<(AssetReadPlan Plan, float[] Window), TOut> part)
    {
        var r = await read.ConfigureAwait(false);
        return new AssetReadResult<TOut>(part(r.Value), r.Bytes, r.Requests, r.Attempts);
    }
}
