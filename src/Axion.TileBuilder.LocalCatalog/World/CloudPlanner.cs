using Axion.TileBuilder.Randomness;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>The cloud model of each scene role, relative to a location's AOI (see <see cref="ScenePlanRole"/>).</summary>
internal static class CloudPlanner
{
    /// <summary>Margin around the AOI the plan keeps clear of cloud edges (covers a pipeline AOI snapped by up to a tile).</summary>
    public const double GuardM = 1200;

    public static CloudModel For(ScenePlanRole role, WorldLocation location, double aoiSizeM, double sceneDirectionX, SplitMix64 rng)
    {
        var a = aoiSizeM / 2;
        var north = location.Latitude >= 0;
        // Morning sun from the south-east (north-east in the south): shadows fall north-west (south-west).
        var shadowEast = -430.0;
        var shadowNorth = north ? 340.0 : -340.0;
        List<CloudBlob> blobs = [];
        switch (role)
        {
            case ScenePlanRole.AoiOvercast:
                {
                    // Covers the AOI plus the guard with its core and rim, wobble (-10 %) and projection slack included.
                    var r = (a + GuardM) * Math.Sqrt(2) / 0.86;
                    blobs.Add(new CloudBlob(rng.NextDouble(-300, 300), rng.NextDouble(-300, 300), r * 1.08, r, rng.NextDouble(0, 180), CloudKind.Opaque));
                    blobs.Add(new CloudBlob(-a * 0.2, a * 0.3, a * 0.25, a * 0.15, 30, CloudKind.Cirrus));
                    break;
                }

            case ScenePlanRole.SceneCloudy:
                for (var i = 0; i < 6; i++)
                {
                    blobs.Add(new CloudBlob(
                        rng.NextDouble(-a, a), rng.NextDouble(-a, a), a * rng.NextDouble(0.12, 0.30), a * rng.NextDouble(0.10, 0.22), rng.NextDouble(0, 180), CloudKind.Opaque));
                }

                blobs.Add(new CloudBlob(rng.NextDouble(-a, a), rng.NextDouble(-a, a), a * 0.3, a * 0.2, rng.NextDouble(0, 180), CloudKind.Cirrus));
                break;

            case ScenePlanRole.AoiPartlyCloudy:
                blobs.Add(new CloudBlob(0.42 * a, -0.31 * a, 0.25 * a, 0.18 * a, 25, CloudKind.Opaque));
                blobs.Add(new CloudBlob(-0.45 * a, 0.38 * a, 0.05 * a, 0.04 * a, 0, CloudKind.Cirrus));
                break;

            case ScenePlanRole.AoiClear:
                {
                    // Outside the AOI and its guard, towards the inside of the scene; its shadow stays out too.
                    var r = 0.16 * a;
                    var distance = a + GuardM + (1.15 * r) + 700;
                    blobs.Add(new CloudBlob(sceneDirectionX * distance, 0.2 * a, r, r * 0.8, 10, CloudKind.Opaque));
                    break;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown scene role.");
        }

        return new CloudModel(location.Longitude, location.Latitude, blobs, shadowEast, shadowNorth);
    }

    /// <summary>The plan's scene-level <c>eo:cloud_cover</c>, percent (metadata: not measured from the small synthetic scene).</summary>
    public static double SceneCloudCover(ScenePlanRole role, SplitMix64 rng) => Math.Round(role switch
    {
        ScenePlanRole.AoiOvercast => rng.NextDouble(6, 9),
        ScenePlanRole.SceneCloudy => rng.NextDouble(55, 70),
        ScenePlanRole.AoiPartlyCloudy => rng.NextDouble(12, 18),
        ScenePlanRole.AoiClear => rng.NextDouble(20, 25),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown scene role."),
    }, 6);
}
