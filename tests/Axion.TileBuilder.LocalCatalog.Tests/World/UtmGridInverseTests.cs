using Axion.TileBuilder.Geo;
using Axion.TileBuilder.LocalCatalog.World.Generation;

namespace Axion.TileBuilder.LocalCatalog.Tests.World;

public sealed class UtmGridInverseTests
{
    [Theory]
    [InlineData(31, true, 441120, 5423160)]
    [InlineData(34, false, 250020, 6250020)]
    [InlineData(35, true, 160000, 6900000)]
    [InlineData(18, true, 830000, 20000)]
    public void Rows_equal_Core_Utm_Inverse_bit_for_bit(int zone, bool north, double originX, double originY)
    {
        const int width = 1500;
        var inverse = new UtmGridInverse(zone, north, originX, width, 10);
        var lon = new double[width];
        var lat = new double[width];
        foreach (var row in new[] { 0, 1, 777, 2047, 10979 })
        {
            var northing = originY - ((row + 0.5) * 10);
            inverse.Row(northing, lon, lat);
            for (var c = 0; c < width; c++)
            {
                var (x, y) = Utm.Inverse(originX + ((c + 0.5) * 10), northing, zone, north);
                Assert.Equal(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(lon[c]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(y), BitConverter.DoubleToInt64Bits(lat[c]));
            }
        }
    }
}
