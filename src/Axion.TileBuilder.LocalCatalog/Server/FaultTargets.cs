namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>Which request categories <see cref="FaultOptions"/> apply to (flags; <c>all</c> by default).</summary>
[Flags]
public enum FaultTargets
{
    /// <summary>No request is faulted.</summary>
    None = 0,

    /// <summary>Asset (COG) reads: <c>/blob/...</c> and <c>/s3/...</c>.</summary>
    Assets = 1,

    /// <summary>STAC API requests: both roots.</summary>
    Stac = 2,

    /// <summary>The SAS token endpoint <c>/api/sas/v1/token/...</c>.</summary>
    Token = 4,

    /// <summary>Every category above (admin endpoints are never faulted).</summary>
    All = Assets | Stac | Token,
}
