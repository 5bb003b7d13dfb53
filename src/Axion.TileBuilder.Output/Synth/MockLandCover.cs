namespace Axion.TileBuilder.Output.Synth;

/// <summary>Land-cover classes painted into mock tiles (the byte values of <see cref="MockTile.LandCover"/>).</summary>
public enum MockLandCover : byte
{
    /// <summary>Open water (lake, river): dark in NIR and in radar.</summary>
    Water = 1,

    /// <summary>Forest: high NIR, bright volume scattering in VH.</summary>
    Forest = 2,

    /// <summary>Growing crop: highest NIR.</summary>
    Crop = 3,

    /// <summary>Grassland / pasture.</summary>
    Grass = 4,

    /// <summary>Bare or ploughed soil: bright red, modest NIR.</summary>
    BareSoil = 5,

    /// <summary>Paved road: grey in the optical bands, smooth (dark) in radar.</summary>
    Road = 6,

    /// <summary>Field edge (hedgerow, track) between two fields.</summary>
    FieldEdge = 7,
}
