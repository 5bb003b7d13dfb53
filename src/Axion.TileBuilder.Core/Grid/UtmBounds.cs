namespace Axion.TileBuilder.Grid;

/// <summary>An axis-aligned rectangle in a UTM zone, metres.</summary>
public readonly record struct UtmBounds(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>Width, metres.</summary>
    public double Width => MaxX - MinX;

    /// <summary>Height, metres.</summary>
    public double Height => MaxY - MinY;
}
