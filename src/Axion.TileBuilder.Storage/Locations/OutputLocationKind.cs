namespace Axion.TileBuilder.Storage.Locations;

/// <summary>Where a batch's output goes: see <see cref="OutputLocation"/>.</summary>
public enum OutputLocationKind
{
    /// <summary>A folder on a local or mounted file system (the default).</summary>
    LocalFolder,

    /// <summary>Azure Blob Storage: <c>az://CONTAINER/PREFIX</c>.</summary>
    AzureBlob,

    /// <summary>Amazon S3 or an S3-compatible store: <c>s3://BUCKET/PREFIX</c>.</summary>
    S3,
}
