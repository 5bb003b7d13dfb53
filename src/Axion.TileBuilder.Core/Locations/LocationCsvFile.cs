using System.Globalization;
using System.Text;

namespace Axion.TileBuilder.Locations;

/// <summary>
/// Reads a locations CSV from disk in one streaming pass: the bytes are checked against
/// <see cref="LocationCsvLimits"/>, hashed (SHA-256) and decoded as strict UTF-8 while Sep parses them, so the file
/// is never held whole in memory and a file past a cap is refused as soon as the cap is passed.
/// </summary>
public static class LocationCsvFile
{
    /// <summary>Parses <paramref name="path"/> with the default caps.</summary>
    /// <inheritdoc cref="Read(string, LocationCsvLimits)"/>
    public static LocationCsvRead Read(string path) => Read(path, LocationCsvLimits.Default);

    /// <summary>Parses <paramref name="path"/> and hashes its bytes.</summary>
    /// <param name="path">The CSV file (named in every message).</param>
    /// <param name="limits">The size caps.</param>
    /// <exception cref="LocationCsvException">The file is missing or unreadable, past a cap, not UTF-8, or rejected as a whole by
    /// <see cref="LocationCsvParser"/>; kind <see cref="Errors.FailureKind.BadInput"/> (exit 2).</exception>
    public static LocationCsvRead Read(string path, LocationCsvLimits limits)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (file.CanSeek && file.Length > limits.MaxBytes)
            {
                throw TooLarge(path, limits, file.Length);
            }

            using var capped = new CappedHashingStream(file, path, limits);
            using var text = new StreamReader(capped, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            try
            {
                var parsed = LocationCsvParser.Parse(text, path);
                capped.ReadToEnd();
                return new LocationCsvRead(parsed, capped.Sha256Hex());
            }
            catch (DecoderFallbackException ex)
            {
                throw new LocationCsvException(
                    string.Create(CultureInfo.InvariantCulture, $"{path}: is not valid UTF-8 (invalid bytes on or before line {capped.Line}); save it as UTF-8."),
                    ex);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LocationCsvException($"cannot read the locations CSV {path}: {ex.Message}", ex);
        }
    }

    /// <summary>The error for a file past <see cref="LocationCsvLimits.MaxBytes"/>.</summary>
    internal static LocationCsvException TooLarge(string path, LocationCsvLimits limits, long seen) => new(
        string.Create(
            CultureInfo.InvariantCulture,
            $"{path}: the locations CSV is larger than the cap of {limits.MaxBytes / (1024 * 1024)} MiB ({(seen > limits.MaxBytes ? "at least " : string.Empty)}{seen} bytes); split it into several batches."),
        path,
        []);
}
