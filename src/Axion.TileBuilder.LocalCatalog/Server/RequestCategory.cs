namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>What a request to the local catalog was for (counted separately in <see cref="ServerStats"/>).</summary>
public enum RequestCategory
{
    /// <summary>STAC API (landing page, collections, items, search) of either flavour.</summary>
    Stac,

    /// <summary>SAS token endpoint.</summary>
    Token,

    /// <summary>Asset file read (COG bytes).</summary>
    Asset,

    /// <summary>Anything else (unknown paths). Admin endpoints are not counted at all.</summary>
    Other,
}
