using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Storage.Internals;

/// <summary>Compares what the store reports after an upload or a download with the local bytes.</summary>
internal static class UploadVerifier
{
    /// <summary>
    /// Throws a transient <see cref="ObjectStoreException"/> (<see cref="ObjectStoreException.Mismatch"/>) unless
    /// <paramref name="reported"/> has <paramref name="local"/>'s length and, when it reports one, its MD5.
    /// </summary>
    public static void Verify(string name, FileDigest local, StoredObject? reported)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (reported is null)
        {
            throw Mismatch($"'{name}' is missing right after it was written");
        }

        if (reported.Length != local.Length)
        {
            throw Mismatch($"'{name}' is {reported.Length} bytes in the store but {local.Length} bytes locally");
        }

        if (reported.Md5Hex is not null && !string.Equals(reported.Md5Hex, local.Md5Hex, StringComparison.OrdinalIgnoreCase))
        {
            throw Mismatch($"'{name}' has MD5 {reported.Md5Hex} in the store but {local.Md5Hex} locally");
        }
    }

    /// <summary>True when <paramref name="stored"/> holds exactly the bytes of <paramref name="local"/> (same length and MD5).</summary>
    public static bool SameContent(FileDigest local, StoredObject? stored)
        => stored is not null
           && stored.Length == local.Length
           && stored.Md5Hex is not null
           && string.Equals(stored.Md5Hex, local.Md5Hex, StringComparison.OrdinalIgnoreCase);

    private static ObjectStoreException Mismatch(string message)
        => new(FailureKind.Transient, ObjectStoreException.Mismatch, message);
}
