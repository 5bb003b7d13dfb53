namespace Axion.TileBuilder.Journal;

/// <summary>
/// What a row spent before it failed, kept in the journal (<c>bytes_read</c>, <c>requests</c>, <c>seconds</c>) so a
/// batch's cost counts its failed rows too (their SCL checks and reads are real bytes).
/// </summary>
/// <param name="BytesRead">Bytes the row's reads asked for over the network (all attempts).</param>
/// <param name="Requests">Requests the row's reads needed.</param>
/// <param name="Seconds">Wall time of the row, seconds.</param>
public sealed record RowSpend(long BytesRead, long Requests, double Seconds);
