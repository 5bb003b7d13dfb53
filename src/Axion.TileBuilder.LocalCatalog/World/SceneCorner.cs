namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>A corner of a scene rectangle.</summary>
public enum SceneCorner
{
    NorthWest,
    NorthEast,
    SouthWest,
    SouthEast,
}
