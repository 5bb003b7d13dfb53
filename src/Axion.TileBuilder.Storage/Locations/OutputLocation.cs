using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Storage.Locations;

/// <summary>
/// The value of <c>--out</c>: a local folder (the default for anything that is not a URL),
/// <c>az://CONTAINER/PREFIX</c> (Azure Blob Storage) or <c>s3://BUCKET/PREFIX</c> (S3 and S3-compatible
/// stores). Object names below it are exactly the local layout's (<c>tile_&lt;id&gt;_&lt;r&gt;_&lt;c&gt;.npz</c>,
/// <c>_journal/...</c>), so a remote dataset is one prefix.
/// </summary>
public sealed record OutputLocation
{
    /// <summary>Longest accepted <see cref="Prefix"/>, in characters (object names are at most 1024).</summary>
    public const int MaxPrefixLength = 512;

    private OutputLocation(OutputLocationKind kind, string container, string prefix, string localPath)
    {
        Kind = kind;
        Container = container;
        Prefix = prefix;
        LocalPath = localPath;
    }

    /// <summary>Local folder, Azure container or S3 bucket.</summary>
    public OutputLocationKind Kind { get; }

    /// <summary>The Azure container or the S3 bucket; empty for a local folder.</summary>
    public string Container { get; }

    /// <summary>
    /// The object-name prefix inside <see cref="Container"/>: empty, or segments joined by <c>/</c> and ending
    /// with <c>/</c> (<c>az://tiles/run1</c> and <c>az://tiles/run1/</c> both give <c>run1/</c>). Always empty
    /// for a local folder.
    /// </summary>
    public string Prefix { get; }

    /// <summary>The absolute folder path of a local location; empty for remote ones.</summary>
    public string LocalPath { get; }

    /// <summary>True for <c>az://</c> and <c>s3://</c>.</summary>
    public bool IsRemote => Kind != OutputLocationKind.LocalFolder;

    /// <summary>
    /// Parses <paramref name="value"/>. <c>az://</c> and <c>s3://</c> (scheme case-insensitive) are remote; any
    /// other <c>scheme://</c> is refused; everything else is a local folder (made absolute).
    /// </summary>
    /// <exception cref="AxionException"><see cref="FailureKind.BadInput"/>, naming the value (query strings and
    /// user info are never shown) and what is wrong with it.</exception>
    public static OutputLocation Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Bad(value, "it is empty; give a local folder, az://CONTAINER/PREFIX or s3://BUCKET/PREFIX");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw Bad(value, "it contains a control character");
            }
        }

        var separator = value.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return ForLocalFolder(value);
        }

        var scheme = value[..separator];
        if (!IsScheme(scheme))
        {
            return ForLocalFolder(value);
        }

        var rest = value[(separator + 3)..];
        return scheme.ToLowerInvariant() switch
        {
            "az" => ParseRemote(value, rest, OutputLocationKind.AzureBlob),
            "s3" => ParseRemote(value, rest, OutputLocationKind.S3),
            _ => throw Bad(value, $"scheme '{scheme}' is not supported; use a local folder, az://CONTAINER/PREFIX or s3://BUCKET/PREFIX"),
        };
    }

    /// <summary>A local folder location for <paramref name="path"/> (made absolute).</summary>
    public static OutputLocation ForLocalFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Bad(path, $"it is not a valid folder path ({ex.Message})");
        }

        return new OutputLocation(OutputLocationKind.LocalFolder, string.Empty, string.Empty, full);
    }

    /// <summary><c>az://CONTAINER/PREFIX</c>, <c>s3://BUCKET/PREFIX</c> (no trailing <c>/</c>), or the local folder path.</summary>
    public override string ToString() => Kind switch
    {
        OutputLocationKind.AzureBlob => $"az://{Container}/{Prefix.TrimEnd('/')}".TrimEnd('/'),
        OutputLocationKind.S3 => $"s3://{Container}/{Prefix.TrimEnd('/')}".TrimEnd('/'),
        _ => LocalPath,
    };

    private static OutputLocation ParseRemote(string value, string rest, OutputLocationKind kind)
    {
        var what = kind == OutputLocationKind.AzureBlob ? "container" : "bucket";
        if (rest.IndexOfAny(['?', '#']) >= 0)
        {
            var hint = kind == OutputLocationKind.AzureBlob
                ? "put a SAS token in AZURE_STORAGE_SAS_TOKEN, not in the location"
                : "credentials come from the AWS credential chain, not from the location";
            throw Bad(value, $"it must not carry a query string or fragment ({hint})");
        }

        if (rest.Contains('@', StringComparison.Ordinal))
        {
            throw Bad(value, "it must not carry user information ('...@'); credentials come from the environment");
        }

        if (rest.Contains('\\', StringComparison.Ordinal))
        {
            throw Bad(value, "it contains a backslash; object names use '/'");
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var container = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        var problem = kind == OutputLocationKind.AzureBlob ? AzureContainerProblem(container) : S3BucketProblem(container);
        if (problem is not null)
        {
            throw Bad(value, $"{what} name '{container}' {problem}");
        }

        return new OutputLocation(kind, container, NormalisePrefix(value, prefix), string.Empty);
    }

    private static string NormalisePrefix(string value, string prefix)
    {
        if (prefix.Length == 0)
        {
            return string.Empty;
        }

        var trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        foreach (var segment in trimmed.Split('/'))
        {
            if (segment.Length == 0)
            {
                throw Bad(value, "the prefix has an empty segment ('//' or a leading '/')");
            }

            if (segment is "." or "..")
            {
                throw Bad(value, $"the prefix has a '{segment}' segment");
            }
        }

        if (trimmed.Length + 1 > MaxPrefixLength)
        {
            throw Bad(value, $"the prefix is longer than {MaxPrefixLength} characters");
        }

        return trimmed + "/";
    }

    /// <summary>Azure: 3-63 characters of a-z, 0-9 and '-', starting with a letter or digit, no '--', not ending with '-'.</summary>
    private static string? AzureContainerProblem(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return "must be 3 to 63 characters long";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return "may only contain lower-case letters, digits and '-'";
            }
        }

        if (name[0] == '-' || name[^1] == '-' || name.Contains("--", StringComparison.Ordinal))
        {
            return "must start and end with a letter or digit and not contain '--'";
        }

        return null;
    }

    /// <summary>S3: 3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit, no '..'.</summary>
    private static string? S3BucketProblem(string name)
    {
        if (name.Length is < 3 or > 63)
        {
            return "must be 3 to 63 characters long";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
            {
                return "may only contain lower-case letters, digits, '.' and '-'";
            }
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]) || name.Contains("..", StringComparison.Ordinal))
        {
            return "must start and end with a letter or digit and not contain '..'";
        }

        return null;
    }

    private static bool IsScheme(string scheme)
    {
        // One letter is a Windows drive ("C://x" is not a URL); a scheme is a letter then letters, digits, + - .
        if (scheme.Length < 2 || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static AxionException Bad(string? value, string problem)
    {
        var shown = value is null ? "(null)" : SecretRedactor.RedactUrl(string.Concat(value.Select(c => char.IsControl(c) ? '?' : c)));
        return new AxionException(FailureKind.BadInput, $"output location '{shown}': {problem}");
    }
}
