namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>The <c>state</c> of a timestep in a row's decisions (the journal's <c>decisions.timesteps[k].state</c>).</summary>
public static class TimestepStates
{
    /// <summary>The timestep has tiles.</summary>
    public const string Done = "done";

    /// <summary>The timestep has no tiles; its <c>reason</c> and <c>message</c> say why (no scene, no clear scene, no pair, no valid tile).</summary>
    public const string Missing = "missing";
}
