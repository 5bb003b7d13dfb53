using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Stac.Model;

/// <summary>
/// The catalog sent something that is not a usable STAC document: invalid JSON, a non-JSON content
/// type, an item without <c>id</c> or <c>assets</c>. Retrying will not help: <see cref="FailureKind.Permanent"/>.
/// </summary>
public sealed class StacFormatException : AxionException
{
    public StacFormatException()
        : this("catalog returned an invalid STAC document.")
    {
    }

    public StacFormatException(string message)
        : base(FailureKind.Permanent, message)
    {
    }

    public StacFormatException(string message, Exception? innerException)
        : base(FailureKind.Permanent, message, innerException)
    {
    }

    /// <summary>The id of the item concerned, when known.</summary>
    public string? ItemId { get; init; }

    /// <inheritdoc />
    public override string Reason => "catalog_format";
}
