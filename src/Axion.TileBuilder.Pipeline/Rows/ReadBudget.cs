using System.Globalization;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>
/// The byte budget of an asset read: at most <c>factor</c> times what the plan computed from the COG's block table
/// (plus one 64 KB header read of slack). A read beyond it means GDAL did not read what was planned (a file that is
/// not tiled, a fallback to whole-file or overview reads), and the row stops instead of going on downloading scenes.
/// A read that was retried as a whole (a truncated body, an expired token) may download its window once per attempt.
/// </summary>
public static class ReadBudget
{
    /// <summary>Slack for a header re-read the plan did not count, bytes.</summary>
    public const long SlackBytes = 64 * 1024;

    /// <summary>Throws <see cref="RowFailedException"/> (permanent, <c>read_budget_exceeded</c>) when <paramref name="bytes"/> is over budget.</summary>
    public static void Check(AssetReadPlan read, long bytes, int attempts, double factor)
    {
        ArgumentNullException.ThrowIfNull(read);
        var budget = ((long)(read.Estimate.Bytes * factor) + SlackBytes) * Math.Max(1, attempts);
        if (bytes > budget)
        {
            throw new RowFailedException(
                FailureKind.Permanent,
                "read_budget_exceeded",
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"reading {read.Band} of {read.ItemId} downloaded {bytes} bytes in {attempts} attempt(s), more than {factor} x the {read.Estimate.Bytes} bytes its window's COG blocks take (--max-read-factor): the file is probably not a cloud-optimized GeoTIFF, or GDAL fell back to reading much more than the window"));
        }
    }
}
