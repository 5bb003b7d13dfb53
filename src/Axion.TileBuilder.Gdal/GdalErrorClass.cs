namespace Axion.TileBuilder.Gdal;

/// <summary>GDAL's error classes (<c>CPLErr</c>).</summary>
public enum GdalErrorClass
{
    /// <summary>No error (<c>CE_None</c>).</summary>
    None = 0,

    /// <summary>Debug output (<c>CE_Debug</c>), only with <c>CPL_DEBUG=ON</c>.</summary>
    Debug = 1,

    /// <summary>Something odd that GDAL worked around (<c>CE_Warning</c>).</summary>
    Warning = 2,

    /// <summary>The call failed (<c>CE_Failure</c>).</summary>
    Failure = 3,

    /// <summary>GDAL cannot go on (<c>CE_Fatal</c>).</summary>
    Fatal = 4,
}
