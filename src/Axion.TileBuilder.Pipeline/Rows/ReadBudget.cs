using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// The byte budget of one attempt of an asset read: at most <c>factor</c> times what the plan computed from the COG's
/// block table, plus one 64 KiB header read of slack. The read's own handle enforces it (see
/// <c>Gdal.Metering.ReadMeter</c>): the request that would pass it is refused before anything is downloaded, and the read
/// fails as permanent <c>read_budget_exceeded</c>. A read beyond it means GDAL did not read what was planned (a fallback to
/// whole-file or overview reads), so the row stops instead of going on downloading scenes.
/// </summary>
public static class ReadBudget
{
    /// <summary>Slack for a header re-read the plan did not count, bytes.</summary>
    public const long SlackBytes = 64 * 1024;

    /// <summary>The budget of one attempt of a read whose plan estimated <paramref name="estimate"/>, bytes.</summary>
    /// <param name="estimate">The plan's estimate of the read.</param>
    /// <param name="factor"><c>--max-read-factor</c>, at least 1.</param>
    public static long BytesFor(CogReadEstimate estimate, double factor)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return (long)(estimate.Bytes * factor) + SlackBytes;
    }
}
