namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>The Sentinel-1 polarisations the synthetic world holds (IW dual-pol, 1SDV).</summary>
public enum S1Polarization
{
    /// <summary>Vertical transmit, vertical receive.</summary>
    VV,

    /// <summary>Vertical transmit, horizontal receive.</summary>
    VH,
}
