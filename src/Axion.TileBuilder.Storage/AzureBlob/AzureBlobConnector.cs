using Axion.TileBuilder.Errors;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Axion.TileBuilder.Storage.AzureBlob;

/// <summary>
/// Builds the Blob service client for an <c>az://</c> location from the environment, in this order:
/// <c>AZURE_STORAGE_CONNECTION_STRING</c>; <c>AZURE_STORAGE_ACCOUNT</c> with a SAS in
/// <c>AZURE_STORAGE_SAS_TOKEN</c>; <c>AZURE_STORAGE_ACCOUNT</c> with <c>DefaultAzureCredential</c> (managed
/// identity on a VM or pod, workload identity, Azure CLI login). The endpoint for an account is
/// <c>https://ACCOUNT.blob.core.windows.net</c> unless <c>AZURE_STORAGE_BLOB_ENDPOINT</c> names another.
/// The SDK's own retries are off (the store retries).
/// </summary>
internal static class AzureBlobConnector
{
    /// <summary>What was built: the client, where the credentials came from, the account and the secrets to scrub.</summary>
    public sealed record Connection(BlobServiceClient Service, AzureCredentialSource Source, string Account, IReadOnlyList<string> Secrets)
    {
        /// <summary>For the log: names of variables, never their values.</summary>
        public string Describe() => Source switch
        {
            AzureCredentialSource.ConnectionString => $"account {Account}, connection string from {StorageVariables.AzureConnectionString}",
            AzureCredentialSource.SasToken => $"account {Account}, SAS token from {StorageVariables.AzureSasToken}",
            _ => $"account {Account}, DefaultAzureCredential (managed identity, workload identity or Azure CLI)",
        };
    }

    /// <exception cref="AxionException"><see cref="FailureKind.BadInput"/>: no usable credentials, or a malformed variable (named, value not shown).</exception>
    public static Connection Connect(Func<string, string?> environment, ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = options.RequestTimeout;

        var connectionString = Value(environment, StorageVariables.AzureConnectionString);
        if (connectionString is not null)
        {
            BlobServiceClient service;
            try
            {
                service = new BlobServiceClient(connectionString, clientOptions);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                throw Bad($"{StorageVariables.AzureConnectionString} is not a valid Azure Storage connection string (expected 'AccountName=...;AccountKey=...;' or 'BlobEndpoint=...;SharedAccessSignature=...')");
            }

            return new Connection(service, AzureCredentialSource.ConnectionString, service.AccountName, ConnectionStringSecrets(connectionString));
        }

        var account = Value(environment, StorageVariables.AzureAccount)
            ?? throw Bad($"an az:// output needs credentials: set {StorageVariables.AzureConnectionString}, or {StorageVariables.AzureAccount} with {StorageVariables.AzureSasToken} or a managed identity");
        if (!IsAccountName(account))
        {
            throw Bad($"{StorageVariables.AzureAccount} '{account}' is not a storage account name (3 to 24 lower-case letters and digits)");
        }

        var endpoint = Endpoint(environment, account);
        var sas = Value(environment, StorageVariables.AzureSasToken);
        if (sas is not null)
        {
            var token = sas.TrimStart('?');
            return new Connection(new BlobServiceClient(endpoint, new AzureSasCredential(token), clientOptions), AzureCredentialSource.SasToken, account, [sas, token]);
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw Bad($"DefaultAzureCredential needs an https endpoint, and {StorageVariables.AzureBlobEndpoint} is '{endpoint}'; use {StorageVariables.AzureSasToken} or {StorageVariables.AzureConnectionString} for a plain-http endpoint");
        }

        return new Connection(new BlobServiceClient(endpoint, new DefaultAzureCredential(), clientOptions), AzureCredentialSource.DefaultAzureCredential, account, []);
    }

    private static Uri Endpoint(Func<string, string?> environment, string account)
    {
        var configured = Value(environment, StorageVariables.AzureBlobEndpoint);
        if (configured is null)
        {
            return new Uri($"https://{account}.blob.core.windows.net/");
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw Bad($"{StorageVariables.AzureBlobEndpoint} must be an http(s) URL without a query or user info, e.g. https://{account}.blob.core.windows.net");
        }

        return uri;
    }

    /// <summary>The whole string plus the values of its secret parts (AccountKey, SharedAccessSignature and its sig).</summary>
    private static string[] ConnectionStringSecrets(string connectionString)
    {
        var secrets = new List<string> { connectionString };
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals];
            if (key.Equals("AccountKey", StringComparison.OrdinalIgnoreCase) || key.Equals("SharedAccessSignature", StringComparison.OrdinalIgnoreCase))
            {
                secrets.Add(part[(equals + 1)..]);
            }
        }

        return [.. secrets];
    }

    private static bool IsAccountName(string name)
        => name.Length is >= 3 and <= 24 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    private static string? Value(Func<string, string?> environment, string name)
    {
        var value = environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static AxionException Bad(string message) => new(FailureKind.BadInput, message);
}
