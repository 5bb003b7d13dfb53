namespace Axion.TileBuilder.Storage;

/// <summary>How an <see cref="IObjectStore"/> retries and talks to its service. Change with <c>with</c>.</summary>
public sealed record ObjectStoreOptions
{
    /// <summary>The defaults below.</summary>
    public static ObjectStoreOptions Default { get; } = new();

    /// <summary>
    /// Attempts per operation (or per listing page), first included. Default 4. The SDKs' own retries are off,
    /// so this is the only retry layer of the stores.
    /// </summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Wait before the first retry; doubled each retry, times a random 0.5-1.5. Default 500 ms.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap on one wait between attempts. Default 8 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Timeout of one HTTP request to Azure or S3. Default 100 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Names per listing page asked of the service; null for its default (Azure 5000, S3 1000).</summary>
    public int? ListPageSize { get; init; }

    /// <summary>Receives one line per retry (already redacted). Null: silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Test seam: wraps the file stream of each upload attempt (the 1-based attempt number is passed), e.g. to
    /// corrupt bytes in flight and prove that verification catches it. Null in production.
    /// </summary>
    internal Func<Stream, int, Stream>? UploadContentFilter { get; init; }
}
