namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Applies a <see cref="SearchRequest"/> to a flavour's items and returns every match in result
/// order (default: datetime desc, id desc; <c>sortby</c> first when given, then that default).
/// </summary>
internal static class SearchEngine
{
    /// <param name="items">All items of the flavour.</param>
    /// <param name="request">The search.</param>
    /// <param name="ignoreUnknownCql2">Earth Search quirk: a filter with an unknown operator (such as
    /// <c>lte</c>) is dropped silently and every item passes it. False (Planetary Computer): 400.</param>
    public static IReadOnlyList<CatalogItem> Execute(IReadOnlyList<CatalogItem> items, SearchRequest request, bool ignoreUnknownCql2)
    {
        if (request.Bbox is not null && request.Intersects is not null)
        {
            throw new StacRequestException("Only one of bbox or intersects may be given, not both.");
        }

        if (request.Query is not null)
        {
            QueryExtension.Validate(request.Query);
        }

        Cql2Filter? filter = null;
        if (request.Filter is not null)
        {
            if (request.FilterLang is not (null or "cql2-json"))
            {
                throw new StacRequestException($"filter-lang '{request.FilterLang}' is not supported by the local catalog; use cql2-json.");
            }

            try
            {
                filter = Cql2Filter.Parse(request.Filter);
            }
            catch (Cql2UnknownOperatorException) when (ignoreUnknownCql2)
            {
                filter = null;
            }
            catch (Cql2UnknownOperatorException e)
            {
                throw new StacRequestException(e.Message);
            }
        }

        var collections = request.Collections is { Count: > 0 } c ? new HashSet<string>(c, StringComparer.Ordinal) : null;
        var ids = request.Ids is { Count: > 0 } i ? new HashSet<string>(i, StringComparer.Ordinal) : null;
        var matches = new List<CatalogItem>();
        foreach (var item in items)
        {
            if ((collections is not null && !collections.Contains(item.Collection))
                || (ids is not null && !ids.Contains(item.Id))
                || (request.Bbox is { } bbox && !BboxIntersects(bbox, item.Bbox))
                || (request.Intersects is { } shape && !shape.Intersects(item.Footprint))
                || (request.Datetime is { } interval && !interval.Contains(item.Datetime))
                || (request.Query is { } query && !QueryExtension.Matches(item, query))
                || (filter is not null && !filter.Matches(item)))
            {
                continue;
            }

            matches.Add(item);
        }

        matches.Sort(Comparer(request.SortBy));
        return matches;
    }

    public static Comparison<CatalogItem> Comparer(IReadOnlyList<SortField>? sortBy) => (a, b) =>
    {
        foreach (var field in sortBy ?? [])
        {
            var order = field.Field == "datetime"
                ? a.Datetime.CompareTo(b.Datetime)
                : PropertyValues.SortCompare(PropertyValues.Resolve(a, field.Field), PropertyValues.Resolve(b, field.Field));
            if (order != 0)
            {
                return field.Descending ? -order : order;
            }
        }

        var byTime = b.Datetime.CompareTo(a.Datetime);
        if (byTime != 0)
        {
            return byTime;
        }

        var byId = string.CompareOrdinal(b.Id, a.Id);
        return byId != 0 ? byId : string.CompareOrdinal(b.Collection, a.Collection);
    };

    private static bool BboxIntersects(IReadOnlyList<double> query, IReadOnlyList<double> item) =>
        query[0] <= item[2] && query[2] >= item[0] && query[1] <= item[3] && query[3] >= item[1];
}
