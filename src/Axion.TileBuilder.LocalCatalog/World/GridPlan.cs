namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>A north-up UTM grid at 10 m (the 20 m SCL grid is the same rectangle at half the size).</summary>
/// <param name="Zone">UTM zone.</param>
/// <param name="North">Northern hemisphere.</param>
/// <param name="OriginX">Upper-left easting, metres.</param>
/// <param name="OriginY">Upper-left northing, metres.</param>
/// <param name="Width">Columns at 10 m.</param>
/// <param name="Height">Rows at 10 m.</param>
internal sealed record GridPlan(int Zone, bool North, double OriginX, double OriginY, int Width, int Height)
{
    public int Epsg => Geo.Utm.EpsgFor(Zone, North);

    /// <summary>Centre of pixel (col, row) at <paramref name="resolutionM"/>; the same arithmetic as <see cref="SceneFootprint.PixelCentre"/>.</summary>
    public (double Easting, double Northing) PixelCentre(int col, int row, double resolutionM) =>
        (OriginX + ((col + 0.5) * resolutionM), OriginY - ((row + 0.5) * resolutionM));
}
