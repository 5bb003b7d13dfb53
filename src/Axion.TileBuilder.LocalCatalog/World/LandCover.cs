namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>The land-cover classes of <see cref="GroundTruth"/>.</summary>
public enum LandCover
{
    /// <summary>Rivers and lakes: SCL 6, NIR below 0.03, very dark radar.</summary>
    Water,

    /// <summary>Crop fields: SCL 4.</summary>
    Crop,

    /// <summary>Grassland: SCL 4.</summary>
    Grass,

    /// <summary>Forest patches: SCL 4, bright VV/VH.</summary>
    Forest,

    /// <summary>Bare soil: SCL 5.</summary>
    Bare,
}
