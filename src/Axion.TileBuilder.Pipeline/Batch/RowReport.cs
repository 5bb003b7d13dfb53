using Axion.TileBuilder.Journal;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>What happened to one row in this run.</summary>
/// <param name="RowId">Location id.</param>
/// <param name="State">Final state.</param>
/// <param name="TilesWritten">Tiles written.</param>
/// <param name="BytesRead">Bytes downloaded for the row (COG headers and blocks).</param>
/// <param name="Seconds">Wall time of the row.</param>
/// <param name="Reason">Failure or skip reason, if any.</param>
/// <param name="Message">Failure message, if any (secrets redacted).</param>
public sealed record RowReport(string RowId, RowState State, int TilesWritten, long BytesRead, double Seconds, string? Reason, string? Message);
