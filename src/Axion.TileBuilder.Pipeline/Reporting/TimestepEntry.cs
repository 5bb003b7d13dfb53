namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>
/// One timestep of a done row in a batch of several (<c>--timesteps</c>), from the row's decisions
/// (<c>decisions.timesteps[k]</c>): the scene it took, or why it has none.
/// </summary>
public sealed record TimestepEntry
{
    /// <summary>k: 0 for the oldest part of the row's date window (the <c>_t&lt;k&gt;</c> of its files).</summary>
    public required int Index { get; init; }

    /// <summary>The part's days as the journal writes them, <c>yyyy-MM-dd..yyyy-MM-dd</c>; null when not recorded.</summary>
    public string? Window { get; init; }

    /// <summary><c>done</c> (it has tiles) or <c>missing</c> (see <see cref="Rows.TimestepStates"/>); null when not recorded.</summary>
    public string? State { get; init; }

    /// <summary>Why a missing timestep has no tiles (<c>no_s2_candidates</c>, <c>no_clear_scene</c>, <c>no_s1_pair</c>, <c>no_valid_tiles</c>); null when done.</summary>
    public string? Reason { get; init; }

    /// <summary>The reason in words; null when done.</summary>
    public string? Message { get; init; }

    /// <summary>Chosen Sentinel-2 item id (done timesteps).</summary>
    public string? S2Item { get; init; }

    /// <summary>Acquisition time of the chosen Sentinel-2 item (UTC).</summary>
    public DateTimeOffset? S2Datetime { get; init; }

    /// <summary>Scene-level cloud cover of the chosen Sentinel-2 item, percent.</summary>
    public double? S2CloudCover { get; init; }

    /// <summary>Paired Sentinel-1 item id.</summary>
    public string? S1Item { get; init; }

    /// <summary>Acquisition time of the paired Sentinel-1 item (UTC).</summary>
    public DateTimeOffset? S1Datetime { get; init; }

    /// <summary>Tiles written for the timestep.</summary>
    public int TilesWritten { get; init; }

    /// <summary>The timestep's quicklook relative to the out dir (<c>quicklooks/&lt;id&gt;_t&lt;k&gt;.png</c>) when the file exists; null otherwise.</summary>
    public string? Quicklook { get; init; }

    /// <summary>True when the timestep has tiles (<see cref="State"/> is <c>done</c>).</summary>
    public bool IsDone => State == Rows.TimestepStates.Done;
}
