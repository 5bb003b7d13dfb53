using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Gdal.Metering;
using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Pipeline.Reading;

/// <summary>
/// One failed attempt of an asset read (GDAL could not open or read the file), as <see cref="AssetReadPolicy"/> sees it:
/// what failed, which attempt it was, and what to clean up before another attempt.
/// </summary>
/// <param name="Asset">The asset being read.</param>
/// <param name="CurlPath">The asset's <c>/vsicurl/</c> path without the signature: the key of GDAL's cached ranges.</param>
/// <param name="Ledger">The row's byte ledger (null outside a row); it forgets the file's ranges before a retry.</param>
/// <param name="Error">GDAL's error (the open failure recorded by the meter when there is one).</param>
/// <param name="Attempt">The attempt that failed, 1-based.</param>
/// <param name="SignedHref">The href as signed for the attempt (it carries the token that was used; never printed).</param>
internal sealed record AssetReadFailure(AssetRef Asset, string CurlPath, ByteLedger? Ledger, GdalException Error, int Attempt, string SignedHref)
{
    /// <summary>The href as signed for the attempt; internal so that the record's text never shows its token.</summary>
    internal string SignedHref { get; } = SignedHref;

    /// <summary>Permanent (400/404/410, not a GeoTIFF) or transient; see <see cref="AssetReader.Classify"/>.</summary>
    public FailureKind Kind => AssetReader.Classify(Error);

    /// <summary>403/409: the token expired or was rejected; the collection's token is invalidated before a retry.</summary>
    public bool IsAuthFailure => AssetReader.IsAuthFailure(Error);

    /// <summary>
    /// Worth another attempt: transient, or "not recognized as a supported format" without an HTTP status, which over
    /// <c>/vsicurl/</c> may be a cut header read (see <see cref="AssetReader.IsUnrecognizedFormat"/>).
    /// </summary>
    public bool IsRetryable => Kind == FailureKind.Transient || AssetReader.IsUnrecognizedFormat(Error);

    /// <summary>GDAL's message with signatures and keys removed.</summary>
    public string Message => SecretRedactor.Redact(Error.Message);
}
