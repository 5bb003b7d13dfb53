namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>A CQL2-JSON filter used an operator this server does not know (e.g. <c>lte</c>).</summary>
internal sealed class Cql2UnknownOperatorException(string op)
    : Exception($"Unknown CQL2 operator '{op}' (supported: {string.Join(", ", Cql2Filter.SupportedOperators)}).")
{
    public string Operator { get; } = op;
}
