namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>Where a scene has valid data, in its own grid coordinates.</summary>
public static class SceneFootprint
{
    /// <summary>True when the grid point (easting, northing) is inside the scene rectangle and not under its <see cref="SyntheticScene.NoDataWedge"/>.</summary>
    public static bool IsValid(SyntheticScene scene, double easting, double northing)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var widthM = scene.Width10m * 10.0;
        var heightM = scene.Height10m * 10.0;
        if (easting < scene.OriginX || easting > scene.OriginX + widthM || northing > scene.OriginY || northing < scene.OriginY - heightM)
        {
            return false;
        }

        return scene.NoDataWedge is null || !scene.NoDataWedge.Covers(scene.OriginX, scene.OriginY, widthM, heightM, easting, northing);
    }

    /// <summary>Grid coordinates (easting, northing) of the centre of pixel (col, row) of a grid of the given resolution.</summary>
    public static (double Easting, double Northing) PixelCentre(SyntheticScene scene, int col, int row, double resolutionM)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return (scene.OriginX + ((col + 0.5) * resolutionM), scene.OriginY - ((row + 0.5) * resolutionM));
    }
}
