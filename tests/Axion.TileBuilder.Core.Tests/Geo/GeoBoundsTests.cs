using Axion.TileBuilder.Geo;

namespace Axion.TileBuilder.Core.Tests.Geo;

public class GeoBoundsTests
{
    [Fact]
    public void Contains_box_and_point_edges_included()
    {
        var outer = new GeoBounds(0, 40, 3, 43);
        Assert.True(outer.Contains(new GeoBounds(1, 41, 2, 42)));
        Assert.True(outer.Contains(outer));
        Assert.False(outer.Contains(new GeoBounds(-0.01, 41, 2, 42)));
        Assert.False(outer.Contains(new GeoBounds(1, 41, 2, 43.01)));
        Assert.True(outer.Contains(new GeoPoint(3, 43)));
        Assert.False(outer.Contains(new GeoPoint(3.01, 42)));
    }

    [Fact]
    public void Antimeridian_boxes_wrap()
    {
        var outer = new GeoBounds(179, -1, -179, 1);
        Assert.True(outer.CrossesAntimeridian);
        Assert.Equal(2, outer.WidthDegrees, 1e-12);
        Assert.True(outer.Contains(new GeoBounds(179.5, 0, -179.5, 0.5)));
        Assert.True(outer.Contains(new GeoBounds(179.2, 0, 179.8, 0.5)));
        Assert.True(outer.Contains(new GeoBounds(-179.8, 0, -179.2, 0.5)));
        Assert.False(outer.Contains(new GeoBounds(178.5, 0, -179.5, 0.5)));
        Assert.False(outer.Contains(new GeoBounds(0, 0, 1, 0.5)));
        Assert.True(outer.Contains(new GeoPoint(-179.5, 0)));
        Assert.False(outer.Contains(new GeoPoint(0, 0)));

        var world = new GeoBounds(-180, -90, 180, 90);
        Assert.True(world.Contains(new GeoBounds(179.5, 0, -179.5, 0.5)));
    }

    [Fact]
    public void FromArray_accepts_2d_and_3d()
    {
        Assert.Equal(new GeoBounds(1, 2, 3, 4), GeoBounds.FromArray([1, 2, 3, 4]));
        Assert.Equal(new GeoBounds(1, 2, 4, 5), GeoBounds.FromArray([1, 2, 0, 4, 5, 100]));
        Assert.Throws<ArgumentException>(() => GeoBounds.FromArray([1, 2, 3]));
    }

    [Fact]
    public void Ring_containment_handles_concave_rings()
    {
        // An L shape: the notch (upper right) is outside.
        GeoPoint[] ring = [new(0, 0), new(2, 0), new(2, 1), new(1, 1), new(1, 2), new(0, 2), new(0, 0)];
        Assert.True(RingContainment.Contains(ring, new GeoPoint(0.5, 1.5)));
        Assert.True(RingContainment.Contains(ring, new GeoPoint(1.5, 0.5)));
        Assert.False(RingContainment.Contains(ring, new GeoPoint(1.5, 1.5)));
        Assert.True(RingContainment.Contains(ring, new GeoPoint(2, 0.5))); // on an edge
        Assert.True(RingContainment.Contains(ring, new GeoPoint(0, 0))); // a vertex
        Assert.False(RingContainment.Contains(ring, new GeoPoint(-0.1, 0.5)));
        Assert.False(RingContainment.Contains([new(0, 0), new(1, 1)], new GeoPoint(0, 0)));
    }
}
