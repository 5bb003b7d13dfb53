namespace Axion.TileBuilder.Storage.AzureBlob;

/// <summary>Where the credentials of an <c>az://</c> store came from, in the order they are looked for.</summary>
public enum AzureCredentialSource
{
    /// <summary><c>AZURE_STORAGE_CONNECTION_STRING</c>.</summary>
    ConnectionString,

    /// <summary><c>AZURE_STORAGE_ACCOUNT</c> with <c>AZURE_STORAGE_SAS_TOKEN</c>.</summary>
    SasToken,

    /// <summary><c>AZURE_STORAGE_ACCOUNT</c> with <c>DefaultAzureCredential</c> (managed or workload identity, Azure CLI, ...).</summary>
    DefaultAzureCredential,
}
