namespace Axion.TileBuilder.Gdal;

/// <summary>
/// One ground control point: a raster position and the map coordinates it lies at (GDAL's <c>GDAL_GCP</c>).
/// </summary>
/// <param name="Pixel">Column, pixels from the left edge of the raster (0.5 = centre of the first column).</param>
/// <param name="Line">Row, pixels from the top edge (0.5 = centre of the first row).</param>
/// <param name="X">Map X in the GCP CRS (longitude, degrees, for Sentinel-1 GRD's EPSG:4326).</param>
/// <param name="Y">Map Y (latitude, degrees, for EPSG:4326).</param>
/// <param name="Z">Height, metres (0 when unknown).</param>
public readonly record struct GroundControlPoint(double Pixel, double Line, double X, double Y, double Z = 0);
