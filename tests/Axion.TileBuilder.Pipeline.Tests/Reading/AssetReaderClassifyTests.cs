using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal;
using Axion.TileBuilder.Pipeline.Reading;

namespace Axion.TileBuilder.Pipeline.Tests.Reading;

public class AssetReaderClassifyTests
{
    private const string Url = "/vsicurl/https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/31/U/FQ/2024/06/01/B04.tif?st=2024-06-01T10%3A00%3A00Z&se=2024-06-02T10%3A00%3A00Z&sp=rl&sv=2021-06-08&sr=c&sig=AbCdEf%2B123%3D";
    private const string HttpsUrl = "https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/31/U/FQ/2024/06/01/B04.tif?st=2024-06-01T10%3A00%3A00Z&sig=AbCdEf%2B123%3D";

    public static TheoryData<string, int?, FailureKind, bool> Cases => new()
    {
        // GDAL 3.6 open failure, as the GDAL layer words it (measured over loopback).
        { $"Cannot open '{Url}' as a raster: HTTP response code: 403", 403, FailureKind.Transient, true },
        { $"Cannot read window x=0 y=0 256 x 256 of band 1 of '{Url}': HTTP response code on {HttpsUrl}: 403", 403, FailureKind.Transient, true },
        { $"Cannot open '{Url}' as a raster: HTTP response code on {HttpsUrl}: 409", 409, FailureKind.Transient, true },
        { $"Cannot open '{Url}' as a raster: HTTP response code on {HttpsUrl}: 404", 404, FailureKind.Permanent, false },
        { $"Cannot open '{Url}' as a raster: HTTP response code: 404", 404, FailureKind.Permanent, false },
        { $"Cannot open '{Url}' as a raster: HTTP response code on {HttpsUrl}: 410", 410, FailureKind.Permanent, false },
        { $"Cannot open '{Url}' as a raster: HTTP response code: 400", 400, FailureKind.Permanent, false },
        { $"Cannot read window x=0 y=0 256 x 256 of band 1 of '{Url}': HTTP response code on {HttpsUrl}: 503", 503, FailureKind.Transient, false },
        { $"Cannot open '{Url}' as a raster: HTTP response code: 500", 500, FailureKind.Transient, false },
        { $"Cannot open '{Url}' as a raster: HTTP error code : 429", 429, FailureKind.Transient, false },
        { $"Cannot read window x=0 y=0 256 x 256 of band 1 of '{Url}': {Url}: CURL error: Connection reset by peer", null, FailureKind.Transient, false },
        { $"Cannot read window x=0 y=0 256 x 256 of band 1 of '{Url}': TIFFFillTile:Read error at row 0, col 0, tile 3; got 1024 bytes, expected 4096", null, FailureKind.Transient, false },
        { $"Cannot open '{Url}' as a raster: `{Url}' not recognized as a supported file format.", null, FailureKind.Permanent, false },
        { $"Cannot open '{Url}' as a raster: `{Url}' does not exist in the file system, and is not recognized as a supported dataset name.", null, FailureKind.Permanent, false },
        { $"Cannot open '{Url}' as a raster: {Url}: Not a TIFF or MDI file, bad magic number 20617 (0x5089)", null, FailureKind.Permanent, false },
        { $"Cannot open '{Url}' as a raster: TIFFReadDirectory:Failed to read directory at offset 8", null, FailureKind.Permanent, false },
        // A format complaint after an HTTP error: the body was an error page, so another attempt may work.
        { $"Cannot open '{Url}' as a raster: HTTP response code: 502. `{Url}' not recognized as a supported file format.", 502, FailureKind.Transient, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_gdal_failures(string message, int? status, FailureKind expected, bool auth)
    {
        // The Kind the GDAL layer guessed must not matter: AssetReader decides from the status and text.
        foreach (var guessed in new[] { FailureKind.Permanent, FailureKind.Transient })
        {
            var ex = new GdalException(guessed, GdalErrorClass.Failure, status is null ? 1 : 11, message);
            Assert.Equal(status, ex.HttpStatusCode);
            Assert.Equal(expected, AssetReader.Classify(ex));
            Assert.Equal(auth, AssetReader.IsAuthFailure(ex));
        }
    }

    [Fact]
    public void Auth_failure_without_a_parsed_status_is_recognised_from_the_text()
    {
        var ex = new GdalException($"Cannot open '{Url}' as a raster: {HttpsUrl}: 403");
        Assert.Null(ex.HttpStatusCode);
        Assert.True(AssetReader.IsAuthFailure(ex));
        Assert.Equal(FailureKind.Transient, AssetReader.Classify(ex));
    }

    [Fact]
    public void Message_only_constructor_without_status_is_transient()
    {
        var ex = new GdalException("GDAL reported no error message");
        Assert.Equal(FailureKind.Transient, AssetReader.Classify(ex));
        Assert.False(AssetReader.IsAuthFailure(ex));
    }
}
