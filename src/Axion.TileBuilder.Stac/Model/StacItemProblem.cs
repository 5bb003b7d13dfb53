namespace Axion.TileBuilder.Stac.Model;

/// <summary>A feature of a page that could not be parsed; the rest of the page is still used.</summary>
/// <param name="Index">Zero-based position of the feature in the page's <c>features</c> array.</param>
/// <param name="ItemId">The feature's id when it had one.</param>
/// <param name="Message">What was wrong (one line, no secrets).</param>
public sealed record StacItemProblem(int Index, string? ItemId, string Message);
