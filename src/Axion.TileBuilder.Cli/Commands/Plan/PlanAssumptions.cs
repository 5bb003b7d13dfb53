namespace Axion.TileBuilder.Cli.Commands.Plan;

/// <summary>What the duration estimate of <c>plan</c> assumes.</summary>
/// <param name="MegabytesPerSecond">Download bandwidth shared by all workers, MB/s (10^6 bytes).</param>
/// <param name="LatencyMs">Round trip per HTTP request, milliseconds.</param>
/// <param name="Workers">Rows in flight at once.</param>
internal sealed record PlanAssumptions(double MegabytesPerSecond, double LatencyMs, int Workers);
