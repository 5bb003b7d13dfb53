namespace Axion.TileBuilder.Gdal.Tests;

public sealed class GeoTransformTests
{
    [Fact]
    public void North_up_pixel_and_world_coordinates_invert_each_other()
    {
        var gt = new GeoTransform(399960, 10, 0, 5800020, 0, -10);
        Assert.Equal((399960.0, 5800020.0), gt.PixelToWorld(0, 0));
        Assert.Equal((399965.0, 5800015.0), gt.PixelToWorld(0.5, 0.5));
        Assert.Equal((400960.0, 5799020.0), gt.PixelToWorld(100, 100));
        Assert.Equal((100.0, 100.0), gt.WorldToPixel(400960, 5799020));
        Assert.Equal((12.25, 3.5), gt.WorldToPixel(399960 + 122.5, 5800020 - 35));
        Assert.True(gt.IsAxisAligned);
    }

    [Fact]
    public void Rotated_transform_inverts_and_arrays_round_trip()
    {
        var gt = new GeoTransform(1000, 2, 0.5, 2000, 0.25, -3);
        var (x, y) = gt.PixelToWorld(7, 11);
        var (col, row) = gt.WorldToPixel(x, y);
        Assert.Equal(7, col, 1e-9);
        Assert.Equal(11, row, 1e-9);
        Assert.False(gt.IsAxisAligned);
        Assert.Equal(gt, GeoTransform.FromArray(gt.ToArray()));
        Assert.Equal(new double[] { 1000, 2, 0.5, 2000, 0.25, -3 }, gt.ToArray());
        Assert.Throws<ArgumentException>(() => GeoTransform.FromArray([1, 2, 3]));
        Assert.Throws<InvalidOperationException>(() => new GeoTransform(0, 0, 0, 0, 0, 0).WorldToPixel(1, 1));
    }
}
