using Axion.TileBuilder.LocalCatalog.Server.Assets;
using Axion.TileBuilder.LocalCatalog.World;

namespace Axion.TileBuilder.LocalCatalog.Server.Stac;

/// <summary>
/// Every item of both flavours, built once from a <see cref="SyntheticWorld"/> when the server's
/// address is known, plus the asset table their hrefs point into.
/// Planetary Computer: every Sentinel-2 scene in <c>sentinel-2-l2a</c>, every Sentinel-1 scene in
/// <c>sentinel-1-rtc</c>, and the GRD scenes of worlds built with <see cref="WorldSpec.IncludeS1Grd"/> in
/// <c>sentinel-1-grd</c> (empty otherwise). Earth Search: every Sentinel-2 scene in <c>sentinel-2-l2a</c>, and those of
/// baseline &gt;= 05.00 also in <c>sentinel-2-c1-l2a</c> (collection 1 holds only reprocessed, 05.xx
/// products); Earth Search serves no Sentinel-1.
/// </summary>
internal sealed class StacCatalog
{
    private readonly Dictionary<(string Collection, string Id), CatalogItem> _pcById = [];
    private readonly Dictionary<(string Collection, string Id), CatalogItem> _esById = [];

    public StacCatalog(SyntheticWorld world, CatalogUrls urls)
    {
        Urls = urls;
        Assets = new AssetRegistry(world.Directory);
        var pc = new List<CatalogItem>();
        var es = new List<CatalogItem>();
        var esL2aIds = new HashSet<string>(StringComparer.Ordinal);
        var esC1Ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scene in world.Scenes.OrderBy(s => s.Datetime).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            if (scene.Kind == SceneKind.Sentinel2L2A)
            {
                pc.Add(PcSentinel2ItemFactory.Create(scene, urls, Assets));
                es.Add(EsSentinel2ItemFactory.Create(scene, collectionOne: false, urls, Assets, esL2aIds, world.Directory));
                if (string.CompareOrdinal(scene.ProcessingBaseline ?? "00.00", "05.00") >= 0 && !esC1Ids.Contains(Sentinel2Names.From(scene).EsC1Id))
                {
                    es.Add(EsSentinel2ItemFactory.Create(scene, collectionOne: true, urls, Assets, esC1Ids, world.Directory));
                }
            }
            else if (scene.Kind == SceneKind.Sentinel1Grd)
            {
                pc.Add(PcSentinel1GrdItemFactory.Create(scene, urls, Assets));
            }
            else
            {
                pc.Add(PcSentinel1RtcItemFactory.Create(scene, urls, Assets, world.Directory));
            }
        }

        foreach (var item in pc)
        {
            _pcById[(item.Collection, item.Id)] = item;
        }

        foreach (var item in es)
        {
            _esById[(item.Collection, item.Id)] = item;
        }

        PcItems = pc;
        EsItems = es;
    }

    public CatalogUrls Urls { get; }

    public AssetRegistry Assets { get; }

    public IReadOnlyList<CatalogItem> PcItems { get; }

    public IReadOnlyList<CatalogItem> EsItems { get; }

    public static IReadOnlyList<string> PcCollections { get; } = [CollectionIds.Sentinel2L2A, CollectionIds.Sentinel1Rtc, CollectionIds.Sentinel1Grd];

    public static IReadOnlyList<string> EsCollections { get; } = [CollectionIds.Sentinel2L2A, CollectionIds.Sentinel2C1L2A];

    public CatalogItem? FindPc(string collection, string id) => _pcById.GetValueOrDefault((collection, id));

    public CatalogItem? FindEs(string collection, string id) => _esById.GetValueOrDefault((collection, id));
}
