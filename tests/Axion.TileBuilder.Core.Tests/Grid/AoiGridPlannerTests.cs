using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Core.Tests.Grid;

public class AoiGridPlannerTests
{
    private static LocationRow Row(double lat, double lon, int? tx = null, int? ty = null) => new("p", 2, lat, lon, TilesX: tx, TilesY: ty);

    [Theory]
    [InlineData(48.8566, 2.3522, 32631, 31, true)] // Paris
    [InlineData(-33.8688, 151.2093, 32756, 56, false)] // Sydney
    [InlineData(45.0, 5.99, 32631, 31, true)] // west of the zone edge at 6E
    [InlineData(45.0, 6.01, 32632, 32, true)] // east of it
    [InlineData(60.0, 5.0, 32632, 32, true)] // Norway exception
    [InlineData(-0.001, 10.0, 32732, 32, false)] // just south of the equator
    [InlineData(0.0, 10.0, 32632, 32, true)]
    public void Zone_and_epsg_follow_the_point(double lat, double lon, int epsg, int zone, bool north)
    {
        var grid = AoiGridPlanner.Plan(Row(lat, lon), 2, 2);
        Assert.Equal(epsg, grid.Epsg);
        Assert.Equal(zone, grid.Zone);
        Assert.Equal(north, grid.North);
        Assert.Equal("p", grid.RowId);
    }

    [Theory]
    [InlineData(48.8566, 2.3522, 2, 2)]
    [InlineData(-33.8688, 151.2093, 3, 1)]
    [InlineData(45.0, 5.99, 1, 1)]
    [InlineData(69.65, 18.96, 5, 4)]
    [InlineData(-54.8, -68.3, 16, 16)]
    public void Origin_is_on_the_10m_grid_and_the_point_is_central(double lat, double lon, int tx, int ty)
    {
        var grid = AoiGridPlanner.Plan(Row(lat, lon), tx, ty);
        Assert.Equal(0, grid.OriginX % 10);
        Assert.Equal(0, grid.OriginY % 10);
        Assert.Equal(tx * 256, grid.Width);
        Assert.Equal(ty * 256, grid.Height);

        var (e, n) = Utm.Forward(lon, lat, grid.Zone, grid.North);
        var centreX = grid.OriginX + (grid.Width * 10 / 2.0);
        var centreY = grid.OriginY - (grid.Height * 10 / 2.0);
        Assert.InRange(Math.Abs(e - centreX), 0, 5.0);
        Assert.InRange(Math.Abs(n - centreY), 0, 5.0);
    }

    [Fact]
    public void Paris_grid_has_the_expected_origin()
    {
        // Paris projects to E 452482.53, N 5411717.18 (PROJ). 2x2 tiles of 2560 m: origin = centre - 2560 / + 2560, snapped.
        var grid = AoiGridPlanner.Plan(Row(48.8566, 2.3522), 2, 2);
        Assert.Equal(449920, grid.OriginX);
        Assert.Equal(5414280, grid.OriginY);
        Assert.Equal([449920, 10, 0, 5414280, 0, -10], grid.GeoTransform);
        Assert.Equal(new UtmBounds(449920, 5409160, 455040, 5414280), grid.Bounds);
    }

    [Fact]
    public void Row_tiles_override_the_defaults()
    {
        var grid = AoiGridPlanner.Plan(Row(10, 10, 3, 1), 2, 2);
        Assert.Equal((3, 1), (grid.TilesX, grid.TilesY));
        var other = AoiGridPlanner.Plan(Row(10, 10), 4, 5, tileSize: 128, pixelSize: 20);
        Assert.Equal((4, 5, 128, 20.0), (other.TilesX, other.TilesY, other.TileSize, other.PixelSize));
        Assert.Equal(0, other.OriginX % 20);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AoiGridPlanner.Plan(Row(10, 10), 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => AoiGridPlanner.Plan(Row(10, 10), 2, 2, tileSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AoiGridPlanner.Plan(Row(10, 10), 2, 2, pixelSize: double.NaN));
    }
}
