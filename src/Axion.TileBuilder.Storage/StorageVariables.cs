namespace Axion.TileBuilder.Storage;

/// <summary>The environment variables the output stores read (their values are secrets unless said otherwise).</summary>
public static class StorageVariables
{
    /// <summary>An Azure Storage connection string; first choice for <c>az://</c>.</summary>
    public const string AzureConnectionString = "AZURE_STORAGE_CONNECTION_STRING";

    /// <summary>The Azure storage account name (not secret); with <see cref="AzureSasToken"/> or a managed identity.</summary>
    public const string AzureAccount = "AZURE_STORAGE_ACCOUNT";

    /// <summary>A SAS token for <see cref="AzureAccount"/> (with or without the leading <c>?</c>).</summary>
    public const string AzureSasToken = "AZURE_STORAGE_SAS_TOKEN";

    /// <summary>
    /// axion-tiles' own (not an Azure SDK variable, not secret): the blob endpoint for <see cref="AzureAccount"/>
    /// when it is not <c>https://ACCOUNT.blob.core.windows.net</c> (sovereign clouds, Azurite).
    /// </summary>
    public const string AzureBlobEndpoint = "AZURE_STORAGE_BLOB_ENDPOINT";

    /// <summary>Endpoint of an S3-compatible store (not secret); path-style addressing is used with it.</summary>
    public const string AwsEndpointUrl = "AWS_ENDPOINT_URL";

    /// <summary>The S3-specific endpoint; wins over <see cref="AwsEndpointUrl"/>.</summary>
    public const string AwsEndpointUrlS3 = "AWS_ENDPOINT_URL_S3";

    /// <summary>AWS region (not secret).</summary>
    public const string AwsRegion = "AWS_REGION";

    /// <summary>AWS region when <see cref="AwsRegion"/> is not set (not secret).</summary>
    public const string AwsDefaultRegion = "AWS_DEFAULT_REGION";

    /// <summary>Static AWS access key id (the first link of the AWS credential chain).</summary>
    public const string AwsAccessKeyId = "AWS_ACCESS_KEY_ID";

    /// <summary>Static AWS secret access key.</summary>
    public const string AwsSecretAccessKey = "AWS_SECRET_ACCESS_KEY";

    /// <summary>AWS session token of temporary credentials.</summary>
    public const string AwsSessionToken = "AWS_SESSION_TOKEN";
}
