namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>Outcome of checking a SAS query string: null <see cref="Detail"/> means valid.</summary>
/// <param name="Detail">Azure-style <c>AuthenticationErrorDetail</c> text when invalid.</param>
internal sealed record SasValidation(string? Detail)
{
    public static SasValidation Valid { get; } = new((string?)null);

    public bool IsValid => Detail is null;
}
