using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Storage.Internals;

/// <summary>
/// Makes text safe for a message or a log line: <see cref="SecretRedactor.Redact(string?)"/> (SAS parameters,
/// <c>AccountKey=</c>, user info, ...) plus every literal secret the store was built with (a SAS token, an
/// account key, an AWS secret key), wherever it appears.
/// </summary>
internal sealed class SecretScrubber
{
    /// <summary>Secrets shorter than this are not replaced literally (they would match ordinary words).</summary>
    private const int MinLiteralLength = 8;

    private readonly string[] _literals;

    public SecretScrubber(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _literals = secrets
            .Where(s => s is { Length: >= MinLiteralLength })
            .Select(s => s!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    /// <summary>No literal secrets: <see cref="SecretRedactor"/> only.</summary>
    public static SecretScrubber None { get; } = new([]);

    public string Scrub(string? text)
    {
        var result = SecretRedactor.Redact(text);
        foreach (var secret in _literals)
        {
            result = result.Replace(secret, SecretRedactor.Placeholder, StringComparison.Ordinal);
        }

        return result;
    }
}
