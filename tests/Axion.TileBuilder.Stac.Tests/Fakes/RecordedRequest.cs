namespace Axion.TileBuilder.Stac.Tests.Fakes;

/// <summary>A request the fake handler received, with its body read.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
