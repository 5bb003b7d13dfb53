using Axion.TileBuilder.Geo;
using Axion.TileBuilder.Grid;
using Axion.TileBuilder.Locations;

namespace Axion.TileBuilder.Core.Tests.Grid;

public class AoiGridTests
{
    private static readonly AoiGrid Grid3x2 = new("r", 32631, 31, true, 449920, 5414280, 10, 256, 3, 2);

    [Fact]
    public void Tile_windows_and_bounds_agree_and_tile_the_aoi()
    {
        var area = 0.0;
        for (var row = 0; row < Grid3x2.TilesY; row++)
        {
            for (var col = 0; col < Grid3x2.TilesX; col++)
            {
                var w = Grid3x2.TileWindow(row, col);
                var b = Grid3x2.TileBounds(row, col);
                Assert.Equal(new PixelWindow(col * 256, row * 256, 256, 256), w);
                Assert.Equal(Grid3x2.OriginX + (w.XOff * 10), b.MinX);
                Assert.Equal(Grid3x2.OriginY - (w.YOff * 10), b.MaxY);
                Assert.Equal(2560, b.Width);
                Assert.Equal(2560, b.Height);
                Assert.Equal([b.MinX, 10, 0, b.MaxY, 0, -10], Grid3x2.TileGeoTransform(row, col));
                area += b.Width * b.Height;
                if (col > 0)
                {
                    Assert.Equal(Grid3x2.TileBounds(row, col - 1).MaxX, b.MinX);
                }

                if (row > 0)
                {
                    Assert.Equal(Grid3x2.TileBounds(row - 1, col).MinY, b.MaxY);
                }
            }
        }

        Assert.Equal(Grid3x2.Bounds.Width * Grid3x2.Bounds.Height, area);
        Assert.Equal(new UtmBounds(449920, 5409160, 457600, 5414280), Grid3x2.Bounds);
        Assert.Equal(Grid3x2.Bounds.MaxX, Grid3x2.TileBounds(1, 2).MaxX);
        Assert.Equal(Grid3x2.Bounds.MinY, Grid3x2.TileBounds(1, 2).MinY);
    }

    [Fact]
    public void Tile_indices_out_of_range_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid3x2.TileWindow(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid3x2.TileWindow(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid3x2.TileBounds(-1, 0));
    }

    [Fact]
    public void Pixel_centres_are_half_a_pixel_in()
    {
        Assert.Equal((449925.0, 5414275.0), Grid3x2.PixelCenter(0, 0));
        Assert.Equal((449920 + 767.5 * 10, 5414280 - 511.5 * 10), Grid3x2.PixelCenter(767, 511));
    }

    [Fact]
    public void Corner_lon_lat_inverts_the_utm_corner()
    {
        var ul = Grid3x2.CornerLonLat(0, 0);
        var (e, n) = Utm.Forward(ul.Longitude, ul.Latitude, 31, true);
        Assert.Equal(449920, e, 1e-6);
        Assert.Equal(5414280, n, 1e-6);
        var lr = Grid3x2.CornerLonLat(Grid3x2.Width, Grid3x2.Height);
        Assert.True(lr.Longitude > ul.Longitude);
        Assert.True(lr.Latitude < ul.Latitude);
    }

    [Theory]
    [InlineData(48.8566, 2.3522)]
    [InlineData(-33.8688, 151.2093)]
    [InlineData(45.0, 5.99)]
    [InlineData(83.9, 20.0)]
    public void Bounds_lon_lat_contain_the_point_and_the_boundary(double lat, double lon)
    {
        var grid = AoiGridPlanner.Plan(new LocationRow("x", 2, lat, lon), 4, 4);
        var box = grid.BoundsLonLat();
        Assert.False(box.CrossesAntimeridian);
        Assert.True(box.Contains(new GeoPoint(lon, lat)));
        var boundary = grid.BoundaryLonLat();
        Assert.Equal(4 * AoiGrid.DensifyPointsPerEdge, boundary.Count);
        Assert.All(boundary, p => Assert.True(box.Contains(p)));
        Assert.Equal(boundary.Min(p => p.Latitude), box.South);
        Assert.Equal(boundary.Max(p => p.Longitude), box.East);
        Assert.InRange(box.North - box.South, 0.05, 1.0); // 10.24 km is ~0.09 degrees of latitude
    }

    [Fact]
    public void Densified_bounds_include_edge_bulges()
    {
        // Straddling the central meridian (3E in zone 31), the top edge reaches its highest latitude
        // at the meridian, between the corners: corners alone would cut the bbox short.
        var grid = AoiGridPlanner.Plan(new LocationRow("x", 2, 70, 3.0), 16, 16);
        var corners = new[] { grid.CornerLonLat(0, 0), grid.CornerLonLat(grid.Width, 0) };
        Assert.True(grid.BoundsLonLat().North > corners.Max(c => c.Latitude) + 1e-4);
    }

    [Fact]
    public void Aoi_across_the_antimeridian_has_west_greater_than_east()
    {
        var grid = AoiGridPlanner.Plan(new LocationRow("x", 2, -16.8, 179.99), 2, 2);
        Assert.Equal(32760, grid.Epsg);
        var box = grid.BoundsLonLat();
        Assert.True(box.CrossesAntimeridian, box.ToString());
        Assert.InRange(box.WidthDegrees, 0.04, 0.06);
        Assert.True(box.Contains(new GeoPoint(179.99, -16.8)));
        Assert.True(box.Contains(new GeoPoint(-179.995, -16.8)));
    }

    [Fact]
    public void Extent_from_grid_matches_bounds()
    {
        var extent = AoiExtent.FromGrid(Grid3x2);
        Assert.Equal(Grid3x2.BoundsLonLat(), extent.Bounds);
        Assert.Equal(64, extent.Boundary.Count);
    }
}
