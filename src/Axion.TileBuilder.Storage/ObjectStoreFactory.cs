using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.AzureBlob;
using Axion.TileBuilder.Storage.Internals;
using Axion.TileBuilder.Storage.Local;
using Axion.TileBuilder.Storage.Locations;
using Axion.TileBuilder.Storage.S3;

namespace Axion.TileBuilder.Storage;

/// <summary>Picks and builds the store for an <see cref="OutputLocation"/>.</summary>
public static class ObjectStoreFactory
{
    /// <summary>The process environment, the default source of credentials.</summary>
    public static Func<string, string?> ProcessEnvironment { get; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// A <see cref="LocalFolderStore"/>, <see cref="AzureBlobStore"/> or <see cref="S3Store"/> for
    /// <paramref name="location"/>. Remote stores read their endpoint and credentials from
    /// <paramref name="environment"/> (see <see cref="StorageVariables"/>; the order is documented on each
    /// connector and in docs/scale-out.md). Nothing is sent over the network here.
    /// </summary>
    /// <param name="location">From <see cref="OutputLocation.Parse"/>.</param>
    /// <param name="environment">Variable lookup; <see cref="ProcessEnvironment"/> when null (tests pass a dictionary's lookup).</param>
    /// <param name="options">Retry and request settings; <see cref="ObjectStoreOptions.Default"/> when null.</param>
    /// <exception cref="AxionException"><see cref="FailureKind.BadInput"/>: no usable credentials or a malformed variable (named; its value never shown).</exception>
    public static IObjectStore Create(OutputLocation location, Func<string, string?>? environment = null, ObjectStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        environment ??= ProcessEnvironment;
        options ??= ObjectStoreOptions.Default;
        if (location.Kind == OutputLocationKind.AzureBlob)
        {
            var azure = AzureBlobConnector.Connect(environment, options);
            var container = azure.Service.GetBlobContainerClient(location.Container);
            return new AzureBlobStore(location, container, $"{location} ({azure.Describe()})", options, new SecretScrubber(azure.Secrets));
        }

        if (location.Kind == OutputLocationKind.S3)
        {
            var s3 = S3Connector.Connect(environment, options);
            return new S3Store(location, s3.Client, ownsClient: true, $"{location} ({s3.Description})", options, new SecretScrubber(s3.Secrets));
        }

        return new LocalFolderStore(location, options);
    }

    /// <summary>A lookup over a fixed set of variables (missing names give null).</summary>
    public static Func<string, string?> EnvironmentFrom(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return name => variables.TryGetValue(name, out var value) ? value : null;
    }
}
