namespace Axion.TileBuilder.Stac.Signing;

/// <summary>Turns an asset href into one that can be read (adds a SAS token, or nothing).</summary>
public interface IHrefSigner
{
    /// <summary>The readable href for <paramref name="href"/> of an item in <paramref name="collection"/>.</summary>
    ValueTask<string> SignAsync(string href, string collection, CancellationToken cancellationToken);

    /// <summary>Forgets the cached credential of <paramref name="collection"/> (a read got 403/409): the next sign fetches a new one.</summary>
    void Invalidate(string collection);

    /// <summary>
    /// A read of <paramref name="rejectedHref"/> (as <see cref="SignAsync"/> returned it) got 403/409: forgets the cached
    /// credential of <paramref name="collection"/> only when that href carries it, so the reads of many workers rejected
    /// with one old token cause one refresh, not one each. By default the same as <see cref="Invalidate(string)"/>.
    /// </summary>
    void Invalidate(string collection, string rejectedHref) => Invalidate(collection);
}
