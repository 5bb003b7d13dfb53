namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>How <see cref="HostileStacProxy"/> answers the Sentinel-2 searches of one row.</summary>
public enum HostileKind
{
    /// <summary>Passes the search through to the real catalog unchanged.</summary>
    Proxy,

    /// <summary>200 with a JSON content type and a body that is not JSON.</summary>
    InvalidJson,

    /// <summary>200 with an HTML error page (a captive portal or a proxy's error page).</summary>
    HtmlPage,

    /// <summary>The real items with every asset href replaced by <see cref="HostileRow.Href"/>.</summary>
    AssetHref,

    /// <summary>The real items, with a <c>next</c> link to a page whose <c>next</c> link leads back to the first request.</summary>
    LoopingNext,
}
