namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>The value of a window read and what it cost.</summary>
/// <param name="Value">What the read returned.</param>
/// <param name="Bytes">Bytes GDAL downloaded for the asset during the successful attempt.</param>
/// <param name="Requests">HTTP requests GDAL made for it during the successful attempt.</param>
/// <param name="Attempts">Attempts used (1 = no retry).</param>
public sealed record AssetReadResult<T>(T Value, long Bytes, long Requests, int Attempts);
