namespace Axion.TileBuilder.Stac.Signing;

/// <summary>Public assets (Earth Search): hrefs are returned unchanged.</summary>
public sealed class NoSigning : IHrefSigner
{
    /// <summary>The shared instance.</summary>
    public static NoSigning Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<string> SignAsync(string href, string collection, CancellationToken cancellationToken) => ValueTask.FromResult(href);

    /// <inheritdoc />
    public void Invalidate(string collection)
    {
    }
}
