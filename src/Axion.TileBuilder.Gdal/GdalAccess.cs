namespace Axion.TileBuilder.Gdal;

/// <summary>How a dataset is opened (<c>GA_ReadOnly</c> / <c>GA_Update</c>).</summary>
public enum GdalAccess
{
    /// <summary>Read only (the default).</summary>
    ReadOnly = 0,

    /// <summary>Read and write.</summary>
    Update = 1,
}
