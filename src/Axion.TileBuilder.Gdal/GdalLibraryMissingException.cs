using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// libgdal could not be loaded, or is older than <see cref="GdalRuntime.MinimumVersion"/>.
/// Kind is <see cref="FailureKind.Environment"/>; the message says how to install GDAL.
/// </summary>
public sealed class GdalLibraryMissingException : GdalException
{
    public GdalLibraryMissingException()
        : this("GDAL could not be loaded.")
    {
    }

    public GdalLibraryMissingException(string message)
        : this(message, null)
    {
    }

    public GdalLibraryMissingException(string message, Exception? innerException)
        : base(FailureKind.Environment, GdalErrorClass.Fatal, 0, message, innerException)
    {
    }

    /// <inheritdoc/>
    public override string Reason => "gdal_missing";
}
