using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Core.Tests.Geo;

public class UtmTests
{
    // Reference values computed with PROJ (gdaltransform -s_srs EPSG:4326 -t_srs EPSG:326zz/327zz, GDAL 3.6.2).
    [Theory]
    [InlineData(0.0, 0.0, 31, true, 166021.443080541, 0.0)]
    [InlineData(151.2, -33.9, 56, false, 333568.941011552, 6247473.33684402)]
    [InlineData(151.2093, -33.8688, 56, false, 334368.633648097, 6250948.34538501)]
    [InlineData(2.3522, 48.8566, 31, true, 452482.532702628, 5411717.1768689)]
    [InlineData(5.0, 60.0, 32, true, 276979.926401006, 6658157.20240725)]
    [InlineData(-70.5, -80.0, 19, false, 470924.529100728, 1118039.34641054)]
    [InlineData(179.9, 83.9, 60, true, 534390.831269954, 9317795.75333241)]
    public void Forward_matches_proj(double lon, double lat, int zone, bool north, double easting, double northing)
    {
        var (e, n) = Utm.Forward(lon, lat, zone, north);
        Assert.Equal(easting, e, 0.001);
        Assert.Equal(northing, n, 0.001);

        var (backLon, backLat) = Utm.Inverse(easting, northing, zone, north);
        Assert.Equal(lon, backLon, 1e-8);
        Assert.Equal(lat, backLat, 1e-8);
    }

    [Fact]
    public void Forward_then_inverse_round_trips_below_1e9_degrees()
    {
        var worst = 0.0;
        for (var lat = -80.0; lat <= 84.0; lat += 3.7)
        {
            for (var lon = -180.0; lon < 180.0; lon += 4.3)
            {
                var zone = Utm.ZoneFor(lat, lon);
                var north = lat >= 0;
                var (e, n) = Utm.Forward(lon, lat, zone, north);
                var (lon2, lat2) = Utm.Inverse(e, n, zone, north);
                var dLon = Math.Abs(Utm.NormalizeLongitude(lon2 - lon));
                worst = Math.Max(worst, Math.Max(dLon, Math.Abs(lat2 - lat)));
            }
        }

        Assert.True(worst < 1e-9, $"worst round-trip error {worst} degrees");
    }

    [Fact]
    public void Points_three_degrees_outside_their_zone_still_round_trip()
    {
        // Zone 31 (0..6E) used for a point at 9E: AOIs near a zone edge extend past it.
        var (e, n) = Utm.Forward(9.0, 45.0, 31, true);
        var (lon, lat) = Utm.Inverse(e, n, 31, true);
        Assert.Equal(9.0, lon, 1e-9);
        Assert.Equal(45.0, lat, 1e-9);
    }

    [Theory]
    [InlineData(48.8566, 2.3522, 31)]
    [InlineData(-33.8688, 151.2093, 56)]
    [InlineData(45.0, 5.99, 31)]
    [InlineData(45.0, 6.01, 32)]
    [InlineData(60.0, 5.0, 32)] // Norway exception
    [InlineData(55.9, 5.0, 31)]
    [InlineData(78.0, 8.0, 31)] // Svalbard exceptions
    [InlineData(78.0, 10.0, 33)]
    [InlineData(78.0, 25.0, 35)]
    [InlineData(78.0, 40.0, 37)]
    [InlineData(0.0, -180.0, 1)]
    [InlineData(0.0, 180.0, 1)]
    [InlineData(0.0, 179.99, 60)]
    public void ZoneFor_follows_the_zone_rules(double lat, double lon, int zone) => Assert.Equal(zone, Utm.ZoneFor(lat, lon));

    [Fact]
    public void Epsg_codes_round_trip()
    {
        Assert.Equal(32631, Utm.EpsgFor(31, true));
        Assert.Equal(32756, Utm.EpsgFor(56, false));
        Assert.Equal((56, false), Utm.FromEpsg(32756));
        Assert.Equal((1, true), Utm.FromEpsg(32601));
        Assert.Null(Utm.FromEpsg(4326));
        Assert.Null(Utm.FromEpsg(32661));
        Assert.Throws<ArgumentOutOfRangeException>(() => Utm.EpsgFor(0, true));
    }
}
