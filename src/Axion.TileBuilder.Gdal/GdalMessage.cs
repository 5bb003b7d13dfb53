namespace Axion.TileBuilder.Gdal;

/// <summary>
/// One message GDAL reported through its error handler (see <see cref="GdalRuntime.MessageLogged"/>).
/// The text is GDAL's own and may contain URLs with query strings: redact before logging.
/// </summary>
/// <param name="Class">Severity.</param>
/// <param name="ErrorNumber">GDAL's <c>CPLErrorNum</c> (e.g. 4 = <c>CPLE_OpenFailed</c>, 11 = <c>CPLE_HttpResponse</c>).</param>
/// <param name="Message">GDAL's message text.</param>
public sealed record GdalMessage(GdalErrorClass Class, int ErrorNumber, string Message);
