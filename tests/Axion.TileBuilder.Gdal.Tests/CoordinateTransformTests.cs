using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Gdal.Tests;

public sealed class CoordinateTransformTests
{
    [Theory]
    [InlineData(151.2093, -33.8688, 32756)] // Sydney
    [InlineData(-3.7038, 40.4168, 32630)] // Madrid
    [InlineData(18.9553, 69.6492, 32634)] // Tromsø
    [InlineData(-78.4678, -0.1807, 32717)] // Quito, just south of the equator
    [InlineData(-78.4678, 0.0500, 32617)] // just north of it
    public void LonLat_to_UTM_and_back_round_trips(double lon, double lat, int epsg)
    {
        using var forward = CoordinateTransform.Create(4326, epsg);
        using var inverse = CoordinateTransform.Create(epsg, 4326);

        var (e, n) = forward.Transform(lon, lat);
        Assert.InRange(e, 160_000, 840_000); // x is easting: traditional GIS order
        Assert.InRange(n, 0, 10_000_000);
        var (lon2, lat2) = inverse.Transform(e, n);
        Assert.Equal(lon, lon2, 1e-6);
        Assert.Equal(lat, lat2, 1e-6);

        // The span overload agrees with the single-point one.
        double[] xs = [lon, lon + 0.01];
        double[] ys = [lat, lat - 0.01];
        forward.Transform(xs, ys);
        Assert.Equal(e, xs[0], 1e-6);
        Assert.Equal(n, ys[0], 1e-6);
        Assert.True(xs[1] > xs[0] && ys[1] < ys[0]);
    }

    [Fact]
    public void Pure_Utm_agrees_with_OSR_within_a_millimetre_across_zones_and_3_degrees_beyond_the_edge()
    {
        var checkedPoints = 0;
        foreach (var zone in new[] { 1, 17, 30, 31, 33, 56, 60 })
        {
            var cm = Utm.CentralMeridian(zone);
            foreach (var north in new[] { true, false })
            {
                var epsg = Utm.EpsgFor(zone, north);
                using var toUtm = CoordinateTransform.Create(4326, epsg);
                using var toLonLat = CoordinateTransform.Create(epsg, 4326);
                foreach (var dLon in new[] { -6.0, -2.9, 0.0, 1.7, 3.0, 6.0 })
                {
                    foreach (var absLat in new[] { 0.3, 33.9, 61.5 })
                    {
                        var lon = Utm.NormalizeLongitude(cm + dLon);
                        var lat = north ? absLat : -absLat;
                        var (osrE, osrN) = toUtm.Transform(lon, lat);
                        var (e, n) = Utm.Forward(lon, lat, zone, north);
                        Assert.True(Math.Abs(e - osrE) < 0.001 && Math.Abs(n - osrN) < 0.001,
                            $"zone {zone}{(north ? "N" : "S")} lon {lon} lat {lat}: Utm ({e}, {n}) vs OSR ({osrE}, {osrN})");

                        var (ilon, ilat) = Utm.Inverse(osrE, osrN, zone, north);
                        var (olon, olat) = toLonLat.Transform(osrE, osrN);
                        var dlon = Math.Abs(Utm.NormalizeLongitude(ilon - olon)); // -180 and 180 are the same meridian
                        Assert.True(dlon < 1e-8 && Math.Abs(ilat - olat) < 1e-8,
                            $"zone {zone} inverse ({ilon}, {ilat}) vs OSR ({olon}, {olat})");
                        checkedPoints++;
                    }
                }
            }
        }

        Assert.Equal(7 * 2 * 6 * 3, checkedPoints);
    }

    [Fact]
    public void SpatialReference_reports_epsg_and_wkt_round_trips()
    {
        using var srs = SpatialReference.FromEpsg(32756);
        Assert.Equal(32756, srs.Epsg);
        var wkt = srs.ToWkt();
        Assert.Contains("UTM zone 56S", wkt, StringComparison.Ordinal);
        using var parsed = SpatialReference.FromWkt(wkt);
        Assert.Equal(32756, parsed.Epsg);

        // A WKT without an authority is identified by OSR.
        const string bare = """PROJCS["WGS 84 / UTM zone 33N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",15],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]""";
        using var identified = SpatialReference.FromWkt(bare);
        Assert.Equal(32633, identified.Epsg);
    }

    [Fact]
    public void Bad_crs_input_raises_GdalException()
    {
        var unknown = Assert.Throws<GdalException>(() => SpatialReference.FromEpsg(999999));
        Assert.NotEqual(0, unknown.ErrorNumber);
        Assert.Contains("EPSG:999999", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<GdalException>(() => SpatialReference.FromWkt("not wkt at all"));
    }
}
