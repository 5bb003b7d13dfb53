using System.Text.Json;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Stac.Signing;

namespace Axion.TileBuilder.Pipeline.Profiles;

/// <summary>Resolves <c>--catalog NAME|FILE.json</c> plus the <c>--stac-url</c>/<c>--token-url</c> overrides.</summary>
public static class ProfileLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    /// <summary>Loads a built-in profile by name or a JSON profile file.</summary>
    public static CatalogProfile Load(string nameOrPath)
    {
        if (BuiltInProfiles.All.TryGetValue(nameOrPath, out var builtIn))
        {
            return builtIn;
        }

        if (!nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !File.Exists(nameOrPath))
        {
            throw new AxionException(
                FailureKind.BadInput,
                $"unknown catalog '{nameOrPath}': use one of {string.Join(", ", BuiltInProfiles.All.Keys)} or a profile .json file (docs/profiles.md).");
        }

        if (!File.Exists(nameOrPath))
        {
            throw new AxionException(FailureKind.BadInput, $"catalog profile file not found: {nameOrPath}");
        }

        return Parse(File.ReadAllText(nameOrPath), nameOrPath);
    }

    /// <summary>Parses and validates a JSON profile.</summary>
    public static CatalogProfile Parse(string json, string sourceName)
    {
        CatalogProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<CatalogProfile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName} is not valid: {ex.Message}", ex);
        }

        if (profile is null)
        {
            throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName} is empty.");
        }

        Validate(profile, sourceName);
        return profile;
    }

    /// <summary>Serializes a profile in the documented format.</summary>
    public static string ToJson(CatalogProfile profile) => JsonSerializer.Serialize(profile, JsonOptions);

    /// <summary>
    /// Applies <c>--stac-url</c> and <c>--token-url</c>: they replace the endpoints of every source of the
    /// profile that used the profile's primary endpoints.
    /// </summary>
    public static CatalogProfile WithOverrides(CatalogProfile profile, string? stacUrl, string? tokenUrl)
    {
        SourceProfile Apply(SourceProfile source, string primaryStac)
        {
            var result = source;
            if (stacUrl is not null && string.Equals(source.StacUrl, primaryStac, StringComparison.Ordinal))
            {
                result = result with { StacUrl = stacUrl };
            }

            if (tokenUrl is not null && result.Signing is { Method: "planetary-computer" } signing)
            {
                result = result with { Signing = signing with { TokenUrl = tokenUrl } };
            }

            return result;
        }

        var primary = profile.Sentinel2.StacUrl;
        var updated = profile with { Sentinel2 = Apply(profile.Sentinel2, primary), Sentinel1 = Apply(profile.Sentinel1, primary) };
        Validate(updated, profile.Name);
        return updated;
    }

    private static void Validate(CatalogProfile profile, string sourceName)
    {
        Check(profile.Sentinel2, "sentinel2", ["B02", "B03", "B04", "B08", "SCL"]);
        Check(profile.Sentinel1, "sentinel1", ["vv", "vh"]);
        if (profile.Sentinel1.Flavor is not ("rtc" or "grd" or "generic"))
        {
            throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName}: sentinel1.flavor must be rtc or grd, got '{profile.Sentinel1.Flavor}'.");
        }

        if (profile.Sentinel1.GrdCalibrationConstant is { } a && (!double.IsFinite(a) || a <= 0))
        {
            throw new AxionException(
                FailureKind.BadInput,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"catalog profile {sourceName}: sentinel1.grdCalibrationConstant must be a positive number, got {a}."));
        }

        void Check(SourceProfile source, string field, string[] bands)
        {
            if (!Uri.TryCreate(source.StacUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName}: {field}.stacUrl must be an http(s) URL, got '{source.StacUrl}'.");
            }

            if (string.IsNullOrWhiteSpace(source.Collection))
            {
                throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName}: {field}.collection is empty.");
            }

            foreach (var band in bands)
            {
                if (!source.Assets.TryGetValue(band, out var key) || string.IsNullOrWhiteSpace(key))
                {
                    throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName}: {field}.assets has no key for band {band}.");
                }
            }

            if (source.Signing is { } signing && signing.Method is not ("none" or "planetary-computer"))
            {
                throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName}: {field}.signing.method must be 'none' or 'planetary-computer', got '{signing.Method}'.");
            }

            if (source.Signing?.Hosts is { } hosts)
            {
                try
                {
                    SigningHosts.Parse(hosts);
                }
                catch (ArgumentException e)
                {
                    throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName}: {field}.signing.hosts: {e.Message}.", e);
                }
            }

            if (source.CloudFilter is not ("query" or "cql2" or "none"))
            {
                throw new AxionException(FailureKind.BadInput, $"catalog profile {sourceName}: {field}.cloudFilter must be query, cql2 or none, got '{source.CloudFilter}'.");
            }
        }
    }
}
