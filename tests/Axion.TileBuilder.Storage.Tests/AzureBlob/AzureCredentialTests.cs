using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.Locations;
using Axion.TileBuilder.Storage.Tests.Emulators;
using Axion.TileBuilder.Testing.Emulators;

namespace Axion.TileBuilder.Storage.Tests.AzureBlob;

/// <summary>Each credential variant of az:// against Azurite, and what the messages never show.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureCredentialTests(AzuriteFixture azurite) : IDisposable
{
    private const string WrongKey = "V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3Jvbmc9PT09PT09PT09PT09PQ==";

    private static readonly ObjectStoreOptions Fast = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };

    private readonly string _file = WriteTemp();

    [Fact]
    public async Task A_connection_string_comes_first_and_is_named_but_not_shown()
    {
        var container = azurite.CreateContainer();
        var sas = AzuriteFixture.ContainerSas(container, WrongKey);
        var env = new Dictionary<string, string>
        {
            [StorageVariables.AzureConnectionString] = azurite.ConnectionString,
            [StorageVariables.AzureAccount] = AzuriteFixture.Account,
            [StorageVariables.AzureSasToken] = sas,
        };
        using var store = Create(container, env);

        var result = await store.UploadAsync("tile_a_0_0.npz", _file);

        Assert.Equal(UploadOutcome.Uploaded, result.Outcome);
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", store.Description);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, store.Description);
    }

    [Fact]
    public async Task An_account_with_a_sas_token_uploads_and_lists()
    {
        var container = azurite.CreateContainer();
        var env = new Dictionary<string, string>
        {
            [StorageVariables.AzureAccount] = AzuriteFixture.Account,
            [StorageVariables.AzureSasToken] = "?" + AzuriteFixture.ContainerSas(container, AzuriteFixture.AccountKey),
            [StorageVariables.AzureBlobEndpoint] = azurite.Endpoint,
        };
        using var store = Create(container, env);

        await store.UploadAsync("tile_a_0_0.npz", _file);
        var names = new List<string>();
        await foreach (var item in store.ListAsync())
        {
            names.Add(item.Name);
        }

        Assert.Equal(["tile_a_0_0.npz"], names);
        Assert.Contains("SAS token from AZURE_STORAGE_SAS_TOKEN", store.Description);
    }

    [Fact]
    public async Task A_rejected_sas_token_fails_as_an_auth_error_without_the_token_in_any_message()
    {
        var container = azurite.CreateContainer();
        var sas = AzuriteFixture.ContainerSas(container, WrongKey);
        var env = new Dictionary<string, string>
        {
            [StorageVariables.AzureAccount] = AzuriteFixture.Account,
            [StorageVariables.AzureSasToken] = sas,
            [StorageVariables.AzureBlobEndpoint] = azurite.Endpoint,
        };
        var logs = new List<string>();
        using var store = Create(container, env, Fast with { Log = logs.Add });

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.UploadAsync("tile_a_0_0.npz", _file));

        Assert.Equal(ObjectStoreException.AuthFailed, error.Reason);
        Assert.Equal(FailureKind.Environment, error.Kind);
        Assert.Contains("tile_a_0_0.npz", error.Message);
        Assert.Contains("1 attempt", error.Message);
        var signature = Uri.UnescapeDataString(sas.Split('&').Single(p => p.StartsWith("sig=", StringComparison.Ordinal))[4..]);
        foreach (var text in logs.Append(error.Message).Append(error.ToString()))
        {
            Assert.DoesNotContain(sas, text);
            Assert.DoesNotContain(signature, text);
            Assert.DoesNotContain(Uri.EscapeDataString(signature), text);
        }
    }

    [Fact]
    public async Task A_connection_string_with_a_wrong_key_fails_as_an_auth_error_without_the_key_in_any_message()
    {
        var container = azurite.CreateContainer();
        var env = new Dictionary<string, string> { [StorageVariables.AzureConnectionString] = azurite.ConnectionStringWithKey(WrongKey) };
        using var store = Create(container, env);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.HeadAsync("tile_a_0_0.npz"));

        Assert.Equal(ObjectStoreException.AuthFailed, error.Reason);
        Assert.DoesNotContain(WrongKey, error.ToString());
        Assert.DoesNotContain(WrongKey, store.Description);
    }

    [Fact]
    public async Task A_missing_container_is_named()
    {
        var env = new Dictionary<string, string> { [StorageVariables.AzureConnectionString] = azurite.ConnectionString };
        using var store = Create("no-such-container", env);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.UploadAsync("tile_a_0_0.npz", _file));

        Assert.Equal(ObjectStoreException.ContainerNotFound, error.Reason);
        Assert.Contains("container 'no-such-container' does not exist", error.Message);
    }

    [Fact]
    public void An_account_alone_uses_DefaultAzureCredential_on_the_public_endpoint()
    {
        var env = new Dictionary<string, string> { [StorageVariables.AzureAccount] = "tilesacct" };

        using var store = Create("tiles", env);

        Assert.Equal("az://tiles/run (account tilesacct, DefaultAzureCredential (managed identity, workload identity or Azure CLI))", store.Description);
    }

    [Fact]
    public void DefaultAzureCredential_is_refused_on_a_plain_http_endpoint()
    {
        var env = new Dictionary<string, string> { [StorageVariables.AzureAccount] = AzuriteFixture.Account, [StorageVariables.AzureBlobEndpoint] = azurite.Endpoint };

        var error = Assert.Throws<AxionException>(() => Create("tiles", env));

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Contains("needs an https endpoint", error.Message);
    }

    [Fact]
    public void No_credentials_at_all_name_every_variable_to_set()
    {
        var error = Assert.Throws<AxionException>(() => Create("tiles", []));

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING", error.Message);
        Assert.Contains("AZURE_STORAGE_ACCOUNT", error.Message);
        Assert.Contains("AZURE_STORAGE_SAS_TOKEN", error.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_named_but_not_shown()
    {
        const string secret = "AccountName=x;AccountKey=c2VjcmV0c2VjcmV0c2VjcmV0;NotAField";
        var env = new Dictionary<string, string> { [StorageVariables.AzureConnectionString] = secret };

        var error = Assert.Throws<AxionException>(() => Create("tiles", env));

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Contains("AZURE_STORAGE_CONNECTION_STRING is not a valid", error.Message);
        Assert.DoesNotContain("c2VjcmV0c2VjcmV0c2VjcmV0", error.ToString());
    }

    [Fact]
    public void A_bad_account_name_is_named()
    {
        var env = new Dictionary<string, string> { [StorageVariables.AzureAccount] = "Not_An_Account" };

        var error = Assert.Throws<AxionException>(() => Create("tiles", env));

        Assert.Contains("AZURE_STORAGE_ACCOUNT 'Not_An_Account' is not a storage account name", error.Message);
    }

    public void Dispose() => File.Delete(_file);

    private static IObjectStore Create(string container, Dictionary<string, string> env, ObjectStoreOptions? options = null)
        => ObjectStoreFactory.Create(OutputLocation.Parse($"az://{container}/run"), ObjectStoreFactory.EnvironmentFrom(env), options ?? Fast);

    private static string WriteTemp()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
        return path;
    }
}
