using System.Globalization;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// The byte budget of an asset read: at most <c>factor</c> times what the plan computed from the COG's block table
/// (plus one 64 KB header read of slack). A read beyond it means GDAL did not read what was planned (a file that is
/// not tiled, a fallback to whole-file or overview reads), and the row stops instead of going on downloading scenes.
/// </summary>
public static class ReadBudget
{
    /// <summary>Slack for a header re-read the plan did not count, bytes.</summary>
    public const long SlackBytes = 64 * 1024;

    /// <summary>Throws <see cref="RowFailedException"/> (permanent, <c>read_budget_exceeded</c>) when <paramref name="bytes"/> is over budget.</summary>
    public static void Check(AssetReadPlan read, long bytes, double factor)
    {
        ArgumentNullException.ThrowIfNull(read);
        var budget = (long)(read.Estimate.Bytes * factor) + SlackBytes;
        if (bytes > budget)
        {
            throw new RowFailedException(
                FailureKind.Permanent,
                "read_budget_exceeded",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"reading {read.Band} of {read.ItemId} downloaded {bytes} bytes, more than {factor} x the {read.Estimate.Bytes} bytes its window's COG blocks take (--max-read-factor): the file is probably not a cloud-optimized GeoTIFF, or GDAL fell back to reading much more than the window"));
        }
    }
}
