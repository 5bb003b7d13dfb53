namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>
/// The part a Sentinel-2 scene plays in a location's plan (scenes A-D). With the usual selection
/// (max scene cloud 50 %, lowest <c>eo:cloud_cover</c> first, SCL check over the AOI) the pipeline
/// must try A, reject it on SCL, and choose C. The seasonal layouts (<see cref="WorldLayout.Seasons"/>) use A and D only, one of
/// each per quarter (<see cref="SeasonalCalendar"/>).
/// </summary>
public enum ScenePlanRole
{
    /// <summary>Scene A: low <c>eo:cloud_cover</c> (6-9 %) but the whole AOI is under one big cloud.</summary>
    AoiOvercast,

    /// <summary>Scene B: high <c>eo:cloud_cover</c> (55-70 %), a scatter of clouds; rejected by the scene-cloud filter.</summary>
    SceneCloudy,

    /// <summary>Scene C: moderate <c>eo:cloud_cover</c> (12-18 %), AOI about 95 % clear (one cloud, its shadow and a cirrus patch inside).</summary>
    AoiPartlyCloudy,

    /// <summary>Scene D: <c>eo:cloud_cover</c> 20-25 %, AOI fully clear (its cloud is outside the AOI).</summary>
    AoiClear,
}
