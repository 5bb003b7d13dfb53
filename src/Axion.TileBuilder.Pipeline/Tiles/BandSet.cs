namespace Axion.TileBuilder.Pipeline.Tiles;

/// <summary>The six bands and the SCL of a row, on the AOI grid (row-major, AOI width x height).</summary>
/// <param name="S1Vv">Sentinel-1 VV backscatter, dB, NaN where invalid.</param>
/// <param name="S1Vh">Sentinel-1 VH backscatter, dB, NaN where invalid.</param>
/// <param name="S2">Sentinel-2 reflectance B02, B03, B04, B08 in that order, NaN where masked.</param>
/// <param name="Scl">Sentinel-2 scene classification at 10 m (nearest).</param>
public sealed record BandSet(float[] S1Vv, float[] S1Vh, IReadOnlyList<float[]> S2, byte[] Scl);
