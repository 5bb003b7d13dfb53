namespace Axion.TileBuilder.LocalCatalog.World.Generation;

/// <summary>Per-thread lon/lat buffers for one row of pixel centres.</summary>
internal sealed class RowBuffers(int width)
{
    public double[] Longitudes { get; } = new double[width];

    public double[] Latitudes { get; } = new double[width];
}
