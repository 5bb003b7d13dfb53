namespace Axion.TileBuilder.Storage.Internals;

/// <summary>An object opened for reading: what the store reports about it and its bytes.</summary>
internal sealed class ObjectContent(StoredObject info, Stream content) : IAsyncDisposable
{
    public StoredObject Info { get; } = info;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
