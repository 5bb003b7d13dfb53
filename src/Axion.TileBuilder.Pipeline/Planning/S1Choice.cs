namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The Sentinel-1 acquisition paired with the Sentinel-2 scene.</summary>
/// <param name="Id">STAC item id.</param>
/// <param name="Datetime">Acquisition time, UTC.</param>
/// <param name="DeltaDays">Signed time difference, Sentinel-1 minus Sentinel-2, days.</param>
public sealed record S1Choice(string Id, DateTimeOffset Datetime, double DeltaDays)
{
    /// <summary>Every item read, merge order: <see cref="Id"/> alone, or the frames of one pass merged into a mosaic (first = <see cref="Id"/>).</summary>
    public IReadOnlyList<string> ItemIds { get; init; } = [Id];
}
