namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>A client error in a STAC request: answered with 400 and a JSON error body.</summary>
internal sealed class StacRequestException(string message, int status = 400) : Exception(message)
{
    public int Status { get; } = status;
}
