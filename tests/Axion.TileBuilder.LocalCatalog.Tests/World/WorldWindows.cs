using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

/// <summary>Window reads and pixel positions for the World tests.</summary>
internal static class WorldWindows
{
    public static T[] Read<T>(SyntheticWorld world, SceneAssetFile asset, int col, int row, int width, int height)
        where T : unmanaged
    {
        using var ds = GdalDataset.Open(Path.Combine(world.Directory, asset.RelativePath));
        var buffer = new T[width * height];
        ds.GetBand(1).Read<T>(col, row, width, height, buffer);
        return buffer;
    }

    /// <summary>Pixel (col, row) at <paramref name="resolutionM"/> of a ground point given in metres from a location (the cloud model's local frame).</summary>
    public static (int Col, int Row) PixelOfLocalPoint(SyntheticScene scene, WorldLocation location, double eastM, double northM, double resolutionM)
    {
        var lon = location.Longitude + (eastM / (CloudModel.MetresPerDegreeLongitude * Math.Cos(location.Latitude * Math.PI / 180)));
        var lat = location.Latitude + (northM / CloudModel.MetresPerDegreeLatitude);
        var (zone, north) = SceneTruth.ZoneOf(scene);
        var (e, n) = Utm.Forward(lon, lat, zone, north);
        return ((int)Math.Floor((e - scene.OriginX) / resolutionM), (int)Math.Floor((scene.OriginY - n) / resolutionM));
    }

    /// <summary>A window of the given size around a pixel, clamped inside the raster.</summary>
    public static (int Col, int Row) Around((int Col, int Row) centre, int size, int rasterSize) =>
        (Math.Clamp(centre.Col - (size / 2), 0, rasterSize - size), Math.Clamp(centre.Row - (size / 2), 0, rasterSize - size));

    /// <summary>The top-left pixel of a size x size window in the corner of the scene's nodata wedge.</summary>
    public static (int Col, int Row) WedgeCorner(SyntheticScene scene, int size, int rasterSize) => scene.NoDataWedge!.Corner switch
    {
        SceneCorner.NorthWest => (0, 0),
        SceneCorner.NorthEast => (rasterSize - size, 0),
        SceneCorner.SouthWest => (0, rasterSize - size),
        _ => (rasterSize - size, rasterSize - size),
    };

    /// <summary>SCL class counts of the 20 m pixels whose centres are inside the AOI, and the valid fraction of each of its 256 px (2560 m) tiles.</summary>
    public static (int[] Counts, double[] TileValid) AoiScl(SyntheticWorld world, WorldSpec spec, SyntheticScene scene, WorldLocation location)
    {
        var aoi = LocationAoi.For(location, spec);
        var col0 = (int)Math.Ceiling(((aoi.MinEasting - scene.OriginX) / 20) - 0.5);
        var row0 = (int)Math.Ceiling(((scene.OriginY - aoi.MaxNorthing) / 20) - 0.5);
        var size = (int)(aoi.SizeM / 20);
        var scl = Read<byte>(world, scene.Assets.Single(a => a.Key == "SCL"), col0, row0, size, size);
        var counts = new int[12];
        var tiles = (int)(aoi.SizeM / 2560);
        var tileValid = new double[tiles * tiles];
        var tile = size / tiles;
        for (var r = 0; r < size; r++)
        {
            for (var c = 0; c < size; c++)
            {
                var v = scl[(r * size) + c];
                counts[v]++;
                if (v is not (0 or 3 or 8 or 9 or 10))
                {
                    tileValid[((r / tile) * tiles) + (c / tile)] += 1.0 / (tile * tile);
                }
            }
        }

        return (counts, tileValid);
    }

    /// <summary>Fraction of opaque cloud (SCL 8, 9) in class counts.</summary>
    public static double Cloudy(int[] counts) => (double)(counts[8] + counts[9]) / counts.Sum();

    /// <summary>Fraction of clear pixels (not nodata, shadow, cloud or cirrus) in class counts.</summary>
    public static double Clear(int[] counts) => 1 - ((double)(counts[0] + counts[3] + counts[8] + counts[9] + counts[10]) / counts.Sum());
}
