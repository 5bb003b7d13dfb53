namespace Axion.TileBuilder.LocalCatalog.Server.Http;

/// <summary>What the fault injector decided for one request.</summary>
internal enum FaultDecision
{
    None,
    Drop,
    Error503,
    Error429,
    Truncate,
}
