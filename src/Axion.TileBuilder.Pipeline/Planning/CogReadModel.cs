namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// The cost model of a COG window read over <c>/vsicurl/</c> with the settings of
/// <c>GdalCloudConfig.Defaults</c>: GDAL sends a HEAD, downloads the header (the first
/// <c>GDAL_INGESTED_BYTES_AT_OPEN</c> = 64 KiB, or more when the header is larger), then one GET
/// per run of blocks that are consecutive in the file (<c>GDAL_HTTP_MERGE_CONSECUTIVE_RANGES=YES</c>).
/// </summary>
public static class CogReadModel
{
    /// <summary><c>GDAL_INGESTED_BYTES_AT_OPEN</c>: bytes read at open, 65536.</summary>
    public const long IngestedBytesAtOpen = 65536;

    /// <summary>
    /// Header bytes: the first data byte of the file (the smallest block offset) when it lies beyond
    /// 64 KiB, otherwise 64 KiB; never more than <paramref name="fileEnd"/> (the end of the last block).
    /// </summary>
    /// <param name="firstDataOffset">Smallest block offset in the file; null when unknown (then 64 KiB).</param>
    /// <param name="fileEnd">End of the last block, bytes (a lower bound of the file size).</param>
    public static long HeaderBytes(long? firstDataOffset, long fileEnd)
    {
        var header = Math.Max(IngestedBytesAtOpen, firstDataOffset ?? 0);
        return fileEnd > 0 ? Math.Min(header, fileEnd) : header;
    }

    /// <summary>Estimate for a window whose touched blocks occupy <paramref name="blocks"/> (offset, compressed size).</summary>
    public static CogReadEstimate Estimate(IReadOnlyCollection<ByteRange> blocks, long headerBytes)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentOutOfRangeException.ThrowIfNegative(headerBytes);
        var remaining = BlockMath.MergeConsecutive(blocks.Select(b => BlockMath.After(b, headerBytes)));
        return new CogReadEstimate
        {
            HeaderBytes = headerBytes,
            BlocksTouched = blocks.Count,
            BlockBytes = remaining.Sum(r => r.Length),
            Ranges = remaining.Count,
            Requests = 2 + remaining.Count,
        };
    }
}
