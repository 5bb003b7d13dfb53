namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>One <c>sortby</c> entry; <see cref="Field"/> has any <c>properties.</c> prefix removed.</summary>
internal sealed record SortField(string Field, bool Descending);
