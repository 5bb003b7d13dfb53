using Axion.TileBuilder.Selection;

namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>One part of a row's date window in a batch of several timesteps (<see cref="DateWindow.Split"/>).</summary>
/// <param name="Index">0 for the oldest part, up to <paramref name="Count"/> - 1: the <c>_t&lt;k&gt;</c> of the tile names.</param>
/// <param name="Count">The batch's timesteps (<c>--timesteps</c>, at least 2).</param>
/// <param name="Window">The part's days.</param>
public sealed record TimestepPart(int Index, int Count, DateWindow Window);
