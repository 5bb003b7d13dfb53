using Axion.TileBuilder.Gdal.Metering;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// What one row has spent on the network so far: every asset read of the row (SCL checks, header probes, band reads,
/// failed attempts included) charges it from its own file handles (<see cref="ReadMeter"/>), so it is exact per row
/// whatever other rows read at the same time, and it survives the row's failure: the batch runner creates one per row,
/// hands it to <see cref="RowProcessor.ProcessAsync"/> and reads <see cref="Bytes"/> and <see cref="Requests"/> whether
/// the row ends done or failed. Bytes are the distinct bytes of each file the row's reads asked for (a header read by
/// the plan and again by the build counts once; a file read again after a failed attempt dropped its cache counts
/// again); see <see cref="ReadMeter"/> for requests. The cost of the row in flight is ambient (<see cref="Current"/>).
/// Thread-safe.
/// </summary>
public sealed class RowCost
{
    private static readonly AsyncLocal<RowCost?> Ambient = new();

    /// <summary>The cost of the row running on this async flow, or null outside a row (e.g. <c>plan</c>, tests).</summary>
    public static RowCost? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The per-file ledger the row's reads charge.</summary>
    public ByteLedger Ledger { get; } = new();

    /// <summary>Bytes the row's reads asked for so far.</summary>
    public long Bytes => Ledger.Bytes;

    /// <summary>Requests the row's reads needed so far (one HEAD per file, one per new byte range).</summary>
    public long Requests => Ledger.Requests;
}
