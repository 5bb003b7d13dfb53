using System.Collections.Concurrent;
using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Gdal.Tests.Support;

namespace Axion.TileBuilder.Gdal.Tests;

public sealed class ErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Opening_a_missing_file_raises_GdalException_with_the_message_gdal_logged()
    {
        var path = _temp.File("does-not-exist.tif");
        var (error, logged) = OpenCapturingMessages(path);

        Assert.NotEqual(0, error.ErrorNumber);
        Assert.Equal(GdalErrorClass.Failure, error.ErrorClass);
        Assert.Equal(FailureKind.Permanent, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);

        // The handler saw GDAL's failure message, and the exception carries that very text.
        var failure = Assert.Single(logged, m => m.Class == GdalErrorClass.Failure);
        Assert.Equal(error.ErrorNumber, failure.ErrorNumber);
        Assert.Contains(failure.Message, error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_non_raster_file_raises_GdalException_with_the_message_gdal_logged()
    {
        var path = _temp.File("notes.txt");
        File.WriteAllText(path, "this is not a raster\n");
        var (error, logged) = OpenCapturingMessages(path);

        Assert.NotEqual(0, error.ErrorNumber);
        Assert.Equal(FailureKind.Permanent, error.Kind);
        var failure = Assert.Single(logged, m => m.Class == GdalErrorClass.Failure);
        Assert.Contains(failure.Message, error.Message, StringComparison.Ordinal);
        Assert.Contains("not recognized as a supported file format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_failure_the_error_state_is_reset_and_the_next_call_succeeds()
    {
        Assert.Throws<GdalException>(() => GdalDataset.Open(_temp.File("missing.tif")));
        var path = TestRasters.WriteUInt16GeoTiff(_temp.File("ok.tif"), 8, 8);
        using var dataset = GdalDataset.Open(path, GdalAccess.Update, ["GTiff"]);
        Assert.Equal(8, dataset.Width);
        var error = Assert.Throws<GdalException>(() => GdalDataset.Open(path, allowedDrivers: ["PNG"]));
        Assert.DoesNotContain("missing.tif", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HTTP response code on https://example.test/a/T33UUP_500.tif: 503", FailureKind.Transient, 503)]
    [InlineData("HTTP response code: 429 - Too Many Requests", FailureKind.Transient, 429)]
    [InlineData("HTTP error code : 502", FailureKind.Transient, 502)]
    [InlineData("HTTP response code: 404", FailureKind.Permanent, 404)]
    [InlineData("HTTP response code on https://example.test/x.tif: 403", FailureKind.Permanent, 403)]
    [InlineData("416: Range Not Satisfiable, Range downloading not supported by this server!", FailureKind.Permanent, 416)]
    public void Http_failures_are_classified_by_status(string gdalText, FailureKind kind, int status)
    {
        var error = new GdalException(GdalException.Classify(gdalText), GdalErrorClass.Failure, 11, "Cannot read: " + gdalText);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.HttpStatusCode);
        Assert.Equal($"http_{status}", error.Reason);
    }

    [Theory]
    [InlineData("Operation timed out after 60001 milliseconds with 0 bytes received", FailureKind.Transient)]
    [InlineData("Connection reset by peer", FailureKind.Transient)]
    [InlineData("TIFFReadEncodedTile() failed.", FailureKind.Permanent)]
    [InlineData("'/x.tif' not recognized as a supported file format.", FailureKind.Permanent)]
    public void Other_failures_are_transient_only_for_timeouts_and_dropped_connections(string gdalText, FailureKind kind)
    {
        Assert.Equal(kind, GdalException.Classify(gdalText));
        Assert.Null(new GdalException(kind, GdalErrorClass.Failure, 1, gdalText).HttpStatusCode);
    }

    [Fact]
    public void Missing_library_message_lists_the_sonames_and_how_to_install()
    {
        var message = GdalRuntime.MissingLibraryMessage(GdalRuntime.LibraryCandidates);
        Assert.StartsWith("GDAL 3.4 or newer is required but libgdal could not be loaded (tried libgdal.so.32, libgdal.so.33,", message, StringComparison.Ordinal);
        Assert.Contains("libgdal.so,", message, StringComparison.Ordinal);
        Assert.EndsWith("Install it with: sudo apt-get install libgdal32 gdal-bin (Debian 12)", message, StringComparison.Ordinal);
        var error = new GdalLibraryMissingException(message);
        Assert.Equal(FailureKind.Environment, error.Kind);
        Assert.IsAssignableFrom<GdalException>(error);
    }

    private static (GdalException Error, List<GdalMessage> Logged) OpenCapturingMessages(string path)
    {
        GdalRuntime.Initialize();
        var thread = Environment.CurrentManagedThreadId;
        var logged = new ConcurrentQueue<GdalMessage>();
        void Capture(GdalMessage m)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                logged.Enqueue(m);
            }
        }

        GdalRuntime.MessageLogged += Capture;
        try
        {
            var error = Assert.Throws<GdalException>(() => GdalDataset.Open(path));
            return (error, logged.ToList());
        }
        finally
        {
            GdalRuntime.MessageLogged -= Capture;
        }
    }
}
