namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>What reading one window of a cloud-optimized GeoTIFF over HTTP is expected to cost (see docs/architecture.md, "Plan and estimate").</summary>
public sealed record CogReadEstimate
{
    /// <summary>Bytes GDAL downloads when it opens the file: the header, at least <see cref="CogReadModel.IngestedBytesAtOpen"/>.</summary>
    public required long HeaderBytes { get; init; }

    /// <summary>Blocks (tiles) the window touches.</summary>
    public required int BlocksTouched { get; init; }

    /// <summary>Compressed bytes of the touched blocks not already inside the header bytes.</summary>
    public required long BlockBytes { get; init; }

    /// <summary>Byte ranges the touched blocks merge into (consecutive blocks merge), outside the header.</summary>
    public required int Ranges { get; init; }

    /// <summary>HTTP requests: 1 HEAD + 1 header GET + one GET per merged range.</summary>
    public required int Requests { get; init; }

    /// <summary>Total bytes: header plus blocks.</summary>
    public long Bytes => HeaderBytes + BlockBytes;
}
