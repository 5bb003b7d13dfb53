namespace Axion.TileBuilder.Storage;

/// <summary>What <see cref="IObjectStore.UploadAsync"/> did.</summary>
public enum UploadOutcome
{
    /// <summary>The bytes were sent and the stored object verified (length and MD5).</summary>
    Uploaded,

    /// <summary>An object with the same name, length and MD5 was already there; nothing was sent.</summary>
    AlreadyPresent,
}
