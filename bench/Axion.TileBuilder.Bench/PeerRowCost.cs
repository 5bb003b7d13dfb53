namespace Axion.TileBuilder.Bench;

/// <summary>What a peer spent on one row.</summary>
/// <param name="Seconds">Wall seconds of the row.</param>
/// <param name="CpuSeconds">CPU seconds (user + system) of the row.</param>
internal sealed record PeerRowCost(double Seconds, double CpuSeconds);
