using System.Text.Json;

namespace Axion.TileBuilder.Stac.Model;

/// <summary>
/// A STAC link. For paging (<c>rel = next</c>) the STAC API adds <see cref="Method"/>,
/// <see cref="Body"/>, <see cref="Headers"/> and <see cref="Merge"/>.
/// </summary>
public sealed record StacLink
{
    /// <summary>Relation type (<c>next</c>, <c>self</c>, <c>root</c>, ...).</summary>
    public required string Rel { get; init; }

    /// <summary>Target URL as given (may be relative).</summary>
    public required string Href { get; init; }

    /// <summary>Media type, when given.</summary>
    public string? Type { get; init; }

    /// <summary>HTTP method to follow the link with; default <c>GET</c>.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>JSON body to send (POST links).</summary>
    public JsonElement? Body { get; init; }

    /// <summary>Headers to send when following the link.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>True: merge <see cref="Body"/> over the previous request body; false (default): replace it.</summary>
    public bool Merge { get; init; }
}
