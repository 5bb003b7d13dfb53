using System.Globalization;
using System.Runtime.InteropServices;
using Axion.TileBuilder.Gdal.Interop;

namespace Axion.TileBuilder.Gdal;

/// <summary>
/// A coordinate reference system (<c>OGRSpatialReferenceH</c>). Always uses the traditional GIS axis
/// order (x = longitude/easting, y = latitude/northing), whatever the authority says.
/// </summary>
public sealed class SpatialReference : IDisposable
{
    private SpatialReference(SafeSpatialReferenceHandle handle, string description)
    {
        Handle = handle;
        Description = description;
    }

    /// <summary>How the CRS was made, for messages (e.g. <c>EPSG:32633</c>).</summary>
    public string Description { get; }

    /// <summary>
    /// EPSG code: the authority code when the definition carries one, otherwise what
    /// <c>OSRAutoIdentifyEPSG</c> finds (on a copy); null when unknown.
    /// </summary>
    public int? Epsg
    {
        get
        {
            if (ReadEpsg(Handle) is { } code)
            {
                return code;
            }

            using var clone = Native.OSRClone(Handle);
            if (!clone.IsInvalid && Native.OSRAutoIdentifyEPSG(clone) == Native.OGRERR_NONE && ReadEpsg(clone) is { } identified)
            {
                return identified;
            }

            Native.CPLErrorReset();
            return BestEpsgMatch(Handle);
        }
    }

    /// <summary>Confidence (0-100) PROJ must have in a database match before <see cref="Epsg"/> reports it.</summary>
    internal const int MinimumMatchConfidence = 90;

    internal SafeSpatialReferenceHandle Handle { get; }

    /// <summary>The CRS of an EPSG code (via PROJ's database).</summary>
    /// <exception cref="GdalException">Unknown code or proj.db not found.</exception>
    public static SpatialReference FromEpsg(int epsg)
    {
        var description = string.Create(CultureInfo.InvariantCulture, $"EPSG:{epsg}");
        var handle = NewEmpty(description);
        Native.CPLErrorReset();
        if (Native.OSRImportFromEPSG(handle, epsg) != Native.OGRERR_NONE)
        {
            var error = GdalException.FromLastError($"Cannot make a CRS from {description}");
            handle.Dispose();
            throw error;
        }

        Native.OSRSetAxisMappingStrategy(handle, Native.OAMS_TRADITIONAL_GIS_ORDER);
        return new SpatialReference(handle, description);
    }

    /// <summary>The CRS of a WKT definition (WKT1 or WKT2).</summary>
    /// <exception cref="GdalException">The WKT cannot be parsed.</exception>
    public static unsafe SpatialReference FromWkt(string wkt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(wkt);
        const string description = "WKT";
        var handle = NewEmpty(description);
        var text = Marshal.StringToCoTaskMemUTF8(wkt);
        try
        {
            var cursor = text; // GDAL advances this pointer; the original is freed below.
            Native.CPLErrorReset();
            if (Native.OSRImportFromWkt(handle, &cursor) != Native.OGRERR_NONE)
            {
                var preview = wkt.Length > 80 ? wkt[..80] + "..." : wkt;
                var error = GdalException.FromLastError($"Cannot parse WKT '{preview}'");
                handle.Dispose();
                throw error;
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
        }

        Native.OSRSetAxisMappingStrategy(handle, Native.OAMS_TRADITIONAL_GIS_ORDER);
        return new SpatialReference(handle, description);
    }

    /// <summary>The CRS as WKT (GDAL's default WKT1 flavour, which every GDAL driver accepts).</summary>
    /// <exception cref="GdalException">Export fails.</exception>
    public unsafe string ToWkt()
    {
        nint result = 0;
        Native.CPLErrorReset();
        var error = Native.OSRExportToWkt(Handle, &result);
        var text = Utf8.FromOwnedPointer(result);
        if (error != Native.OGRERR_NONE || text is null)
        {
            throw GdalException.FromLastError($"Cannot export {Description} as WKT");
        }

        return text;
    }

    /// <summary>Frees the native object. Safe to call twice.</summary>
    public void Dispose() => Handle.Dispose();

    /// <inheritdoc/>
    public override string ToString() => Description;

    private static SafeSpatialReferenceHandle NewEmpty(string description)
    {
        GdalRuntime.Initialize();
        Native.CPLErrorReset();
        var handle = Native.OSRNewSpatialReference(0);
        if (handle.IsInvalid)
        {
            var error = GdalException.FromLastError($"Cannot allocate a CRS for {description}");
            handle.Dispose();
            throw error;
        }

        return handle;
    }

    private static int? ReadEpsg(SafeSpatialReferenceHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return ReadEpsg(handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static int? ReadEpsg(nint handle)
    {
        var name = Utf8.FromConstPointer(Native.OSRGetAuthorityNameRaw(handle, null));
        var code = Utf8.FromConstPointer(Native.OSRGetAuthorityCodeRaw(handle, null));
        return string.Equals(name, "EPSG", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>The EPSG code of PROJ's best database match (OSRFindMatches), when confident enough.</summary>
    private static unsafe int? BestEpsgMatch(SafeSpatialReferenceHandle handle)
    {
        var entries = 0;
        int* confidences = null;
        var matches = Native.OSRFindMatches(handle, 0, &entries, &confidences);
        try
        {
            for (var i = 0; i < entries; i++)
            {
                if (confidences[i] >= MinimumMatchConfidence && ReadEpsg(matches[i]) is { } code)
                {
                    return code;
                }
            }

            return null;
        }
        finally
        {
            if (matches != null)
            {
                Native.OSRFreeSRSArray(matches);
            }

            Native.VSIFree((nint)confidences);
            Native.CPLErrorReset();
        }
    }
}
