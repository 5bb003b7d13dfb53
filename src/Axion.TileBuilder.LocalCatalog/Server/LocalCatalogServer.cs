namespace Axion.TileBuilder.LocalCatalog.Server;

/// <summary>A loopback STAC API + asset server over a synthetic world (work in progress).</summary>
public sealed class LocalCatalogServer
{
    /// <summary>STAC root of the configured flavour.</summary>
    public Uri? PrimaryStacRoot { get; }

    /// <summary>Lifetime of new SAS tokens.</summary>
    public TimeSpan TokenLifetime { get; set; }
}
