using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Storage.Internals;

/// <summary>How a store classifies an exception: retried when <see cref="Kind"/> is transient.</summary>
/// <param name="Kind">Transient failures are retried.</param>
/// <param name="Reason">One of the <see cref="ObjectStoreException"/> reason constants.</param>
/// <param name="Detail">One line on what the service said (HTTP status, error code), before scrubbing.</param>
internal sealed record StorageFailure(FailureKind Kind, string Reason, string Detail)
{
    public bool IsTransient => Kind == FailureKind.Transient;

    public static StorageFailure Transient(string detail) => new(FailureKind.Transient, ObjectStoreException.Unavailable, detail);
}
