using System.Globalization;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Locations;
using Axion.TileBuilder.Storage;
using Axion.TileBuilder.Storage.Locations;
using Serilog;

namespace Axion.TileBuilder.Cli.Commands;

/// <summary>
/// The value of <c>build --csv</c>: a local file, or an object in a store (<c>az://CONTAINER/PATH.csv</c>,
/// <c>s3://BUCKET/PATH.csv</c>, with the same credentials as <c>--out</c>), so a Kubernetes Job whose CSV is larger than
/// a ConfigMap (1 MiB, about 15,000 rows) reads it from the bucket. A remote CSV is downloaded once into the work folder
/// (or the cache) and then read like a local one; its SHA-256 still identifies the batch.
/// </summary>
internal static class CsvInput
{
    /// <summary>What <c>--csv</c> accepts, for descriptions.</summary>
    public const string Forms = "a local file, or az://CONTAINER/PATH.csv or s3://BUCKET/PATH.csv (credentials as for --out)";

    /// <summary>The local path of <paramref name="value"/>, downloading it into <paramref name="folder"/> first when it is in a store.</summary>
    /// <exception cref="AxionException">Bad input (exit 2): a malformed location, no such object, or an object larger than the CSV limit.</exception>
    public static async Task<string> LocalPathAsync(string value, string folder, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var slash = value.LastIndexOf('/');
        var parent = value.Contains("://", StringComparison.Ordinal) && slash >= 0 ? OutputLocation.Parse(value[..slash]) : null;
        if (parent is not { IsRemote: true })
        {
            return Path.GetFullPath(value);
        }

        var name = value[(slash + 1)..];
        if (name.Length == 0)
        {
            throw new AxionException(FailureKind.BadInput, $"--csv {value}: name the CSV object after the container or bucket, e.g. az://inputs/batch1/locations.csv");
        }

        using var store = ObjectStoreFactory.Create(parent);
        var limit = LocationCsvLimits.Default.MaxBytes;
        var stored = await store.HeadAsync(name, cancellationToken)
            ?? throw new AxionException(FailureKind.BadInput, $"--csv {value}: no such object in {parent}");
        if (stored.Length > limit)
        {
            throw new AxionException(FailureKind.BadInput, string.Create(CultureInfo.InvariantCulture, $"--csv {value}: {stored.Length} bytes, more than the CSV limit of {limit} bytes"));
        }

        var local = Path.Combine(folder, "_input", name);
        if (!await store.DownloadAsync(name, local, cancellationToken))
        {
            throw new AxionException(FailureKind.BadInput, $"--csv {value}: no such object in {parent}");
        }

        log.Information("Read the CSV {Csv} ({Bytes} bytes) into {Local}", value, stored.Length, local);
        return local;
    }
}
