using Azure.Storage;
using Azure.Storage.Blobs;

namespace Axion.TileBuilder.Testing.Emulators;

/// <summary>Azurite's blob service on a free loopback port (one per test collection), with the well-known dev account.</summary>
public sealed class AzuriteFixture : IDisposable
{
    /// <summary>Azurite's well-known development account and key (public, documented by Microsoft).</summary>
    public const string Account = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly EmulatorProcess _process;
    private int _containers;

    public AzuriteFixture()
    {
        _process = EmulatorProcess.Start(NodeTestTools.Binary("azurite-blob"), (port, data) =>
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--location", data, "--skipApiVersionCheck", "--loose", "--silent"]);
        Endpoint = $"http://127.0.0.1:{_process.Port}/{Account}";
        ConnectionString = ConnectionStringWithKey(AccountKey);
    }

    /// <summary><c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    public string Endpoint { get; }

    public string ConnectionString { get; }

    public string ConnectionStringWithKey(string key)
        => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};BlobEndpoint={Endpoint};";

    /// <summary>A new, empty container (a fresh name per call, so tests do not see each other's objects).</summary>
    public string CreateContainer()
    {
        var name = $"c{Interlocked.Increment(ref _containers)}-{Guid.NewGuid().ToString("N")[..8]}";
        new BlobServiceClient(ConnectionString).GetBlobContainerClient(name).Create();
        return name;
    }

    /// <summary>A container SAS (read, add, create, write, delete, list) signed with <paramref name="key"/>.</summary>
    public static string ContainerSas(string container, string key) => ContainerSas(container, key, Azure.Storage.Sas.BlobContainerSasPermissions.All);

    /// <summary>A container SAS with only <paramref name="permissions"/>, signed with <paramref name="key"/>.</summary>
    public static string ContainerSas(string container, string key, Azure.Storage.Sas.BlobContainerSasPermissions permissions)
    {
        var builder = new Azure.Storage.Sas.BlobSasBuilder(permissions, DateTimeOffset.UtcNow.AddHours(1))
        {
            BlobContainerName = container,
            Resource = "c",
        };
        return builder.ToSasQueryParameters(new StorageSharedKeyCredential(Account, key)).ToString();
    }

    public void Dispose() => _process.Dispose();
}
