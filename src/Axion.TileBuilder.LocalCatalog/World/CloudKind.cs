namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>What a <see cref="CloudBlob"/> is.</summary>
public enum CloudKind
{
    /// <summary>An opaque cloud: SCL 9 in its core (normalised radius below 0.7), 8 on its rim; it casts a shadow (SCL 3).</summary>
    Opaque,

    /// <summary>Thin cirrus: SCL 10, no shadow.</summary>
    Cirrus,
}
