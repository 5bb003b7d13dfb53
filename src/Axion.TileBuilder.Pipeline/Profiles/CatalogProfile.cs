using System.Text.Json.Serialization;

namespace Axion.TileBuilder.Pipeline.Profiles;

/// <summary>
/// Where a batch finds its scenes: one source for Sentinel-2 L2A and one for Sentinel-1.
/// Serialized as the documented JSON profile format (docs/profiles.md).
/// </summary>
public sealed record CatalogProfile
{
    /// <summary>Profile name, e.g. <c>planetary-computer</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>One line for humans.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The Sentinel-2 L2A source.</summary>
    [JsonPropertyName("sentinel2")]
    public required SourceProfile Sentinel2 { get; init; }

    /// <summary>The Sentinel-1 source (RTC recommended).</summary>
    [JsonPropertyName("sentinel1")]
    public required SourceProfile Sentinel1 { get; init; }
}

/// <summary>One STAC collection and how to read its assets.</summary>
public sealed record SourceProfile
{
    /// <summary>STAC API root URL (the one whose <c>/search</c> is used).</summary>
    [JsonPropertyName("stacUrl")]
    public required string StacUrl { get; init; }

    /// <summary>Collection id, e.g. <c>sentinel-2-l2a</c>.</summary>
    [JsonPropertyName("collection")]
    public required string Collection { get; init; }

    /// <summary>
    /// How the catalog publishes values: <c>planetary-computer</c>, <c>earth-search-l2a</c>,
    /// <c>earth-search-c1</c> or <c>generic</c> (Sentinel-2 radiometry rules; see docs/catalogs.md).
    /// For Sentinel-1: <c>rtc</c> (float32 linear gamma0 on a map grid; also what <c>generic</c> means there) or
    /// <c>grd</c> (uint16 amplitude geolocated by GCPs, converted with <see cref="GrdCalibrationConstant"/>; docs/profiles.md).
    /// </summary>
    [JsonPropertyName("flavor")]
    public string Flavor { get; init; } = "generic";

    /// <summary>
    /// Asset key per band: Sentinel-2 <c>B02 B03 B04 B08 SCL</c> (required) and optionally <c>B01 B05 B06 B07 B8A B09 B11 B12</c>
    /// (needed when <c>--bands</c> selects them; the built-in profiles map all twelve); Sentinel-1 <c>vv vh</c>.
    /// </summary>
    [JsonPropertyName("assets")]
    public required IReadOnlyDictionary<string, string> Assets { get; init; }

    /// <summary>Href signing; null or method <c>none</c> for public assets.</summary>
    [JsonPropertyName("signing")]
    public SigningProfile? Signing { get; init; }

    /// <summary>How the scene cloud limit is sent: <c>query</c> (default), <c>cql2</c> or <c>none</c>. Always re-checked client-side.</summary>
    [JsonPropertyName("cloudFilter")]
    public string CloudFilter { get; init; } = "query";

    /// <summary>URL schemes allowed for asset hrefs besides http and https (none by default).</summary>
    [JsonPropertyName("extraAllowedSchemes")]
    public IReadOnlyList<string> ExtraAllowedSchemes { get; init; } = [];

    /// <summary>
    /// Sentinel-1 <c>grd</c> flavour only: the calibration constant A of <c>sigma0 = DN^2 / A^2</c>, applied to every pixel
    /// instead of the product's calibration look-up table. Null (not written) means
    /// <see cref="Radiometry.GrdCalibration.DefaultConstant"/> (1000).
    /// </summary>
    [JsonPropertyName("grdCalibrationConstant")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GrdCalibrationConstant { get; init; }

    /// <summary>True for the Sentinel-1 <c>grd</c> flavour.</summary>
    [JsonIgnore]
    public bool IsGrd => string.Equals(Flavor, "grd", StringComparison.OrdinalIgnoreCase);

    /// <summary>The calibration constant a <c>grd</c> source is converted with (<see cref="GrdCalibrationConstant"/> or the default); null for <c>rtc</c>.</summary>
    [JsonIgnore]
    public double? GrdConstant => IsGrd ? GrdCalibrationConstant ?? Radiometry.GrdCalibration.DefaultConstant : null;
}

/// <summary>How asset hrefs are signed.</summary>
public sealed record SigningProfile
{
    /// <summary><c>planetary-computer</c> (SAS token per collection) or <c>none</c>.</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>The hosts Planetary Computer signs for when a profile names none: its Azure blob storage.</summary>
    public const string PlanetaryComputerBlobHosts = "*.blob.core.windows.net";

    /// <summary>Token endpoint base; the collection id is appended (<c>{tokenUrl}/{collection}</c>).</summary>
    [JsonPropertyName("tokenUrl")]
    public string? TokenUrl { get; init; }

    /// <summary>
    /// The asset hosts signing applies to: <c>*.domain</c>, <c>host</c> or <c>host:port</c> (docs/profiles.md). Hrefs on
    /// other hosts are read unsigned, or refused with <c>--strict-hosts</c>. Null (not written) means
    /// <see cref="PlanetaryComputerBlobHosts"/> for <c>planetary-computer</c>. The token endpoint's own host and port are
    /// always included (see <see cref="EffectiveHosts"/>).
    /// </summary>
    [JsonPropertyName("hosts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Hosts { get; init; }

    /// <summary>
    /// The host patterns hrefs are signed for: <see cref="Hosts"/> (or its default) plus the token endpoint's own
    /// <c>host:port</c>: the server that issues a token may see it (this is how the local catalog, which serves tokens
    /// and files on one address, signs its own files and nothing else).
    /// </summary>
    /// <param name="defaultTokenUrl">The token endpoint used when <see cref="TokenUrl"/> is null.</param>
    public IReadOnlyList<string> EffectiveHosts(string defaultTokenUrl)
    {
        var hosts = new List<string>(Hosts ?? (Method == "planetary-computer" ? [PlanetaryComputerBlobHosts] : []));
        if (Uri.TryCreate(TokenUrl ?? defaultTokenUrl, UriKind.Absolute, out var token) && !string.IsNullOrEmpty(token.Host))
        {
            hosts.Add(token.Host + ":" + token.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return hosts;
    }

    /// <summary>Equal when method, token URL and the host patterns (in order) are.</summary>
    public bool Equals(SigningProfile? other) =>
        other is not null
        && Method == other.Method
        && TokenUrl == other.TokenUrl
        && (Hosts is null ? other.Hosts is null : other.Hosts is not null && Hosts.SequenceEqual(other.Hosts, StringComparer.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Method, TokenUrl, Hosts is null ? 0 : string.Join('\n', Hosts).GetHashCode(StringComparison.Ordinal));
}
