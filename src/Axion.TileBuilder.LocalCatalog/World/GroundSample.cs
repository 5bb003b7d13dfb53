namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// Everything <see cref="GroundTruth"/> derives from a ground point once, so the per-band and
/// per-polarisation values of one pixel share the work. Internal: the public API takes lon/lat.
/// </summary>
internal readonly struct GroundSample
{
    public GroundSample(double x, double y, double z, LandCover cover, ulong parcelHash, double texture, double smooth)
    {
        X = x;
        Y = y;
        Z = z;
        Cover = cover;
        ParcelHash = parcelHash;
        Texture = texture;
        Smooth = smooth;
    }

    /// <summary>Spherical earth-centred coordinates, metres.</summary>
    public double X { get; }

    public double Y { get; }

    public double Z { get; }

    public LandCover Cover { get; }

    /// <summary>Hash of the parcel cell the point falls in.</summary>
    public ulong ParcelHash { get; }

    /// <summary>Shared high-frequency texture, -1..1 (wavelengths 37-173 m).</summary>
    public double Texture { get; }

    /// <summary>Shared low-frequency modulation, -1..1 (wavelengths 1.4-2.3 km).</summary>
    public double Smooth { get; }
}
