using System.Text.Json.Nodes;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Testing.Repository;

namespace Axion.TileBuilder.Pipeline.Tests.Planning;

/// <summary>Search pages made from a recorded Planetary Computer page: its first item copied once per variant.</summary>
internal static class RecordedPage
{
    /// <summary>A page of one copy of the recorded item per variant, with the variant's id and its change applied.</summary>
    public static SearchPage Of(params (string Id, Action<JsonObject> Change)[] variants)
    {
        var recorded = JsonNode.Parse(File.ReadAllText(RepositoryFiles.StacSample("planetary-computer-sentinel-2-l2a-items-page-get.json")))!.AsObject();
        var template = recorded["features"]!.AsArray()[0]!.AsObject();
        var features = new JsonArray();
        foreach (var (id, change) in variants)
        {
            var feature = template.DeepClone().AsObject();
            feature["id"] = id;
            change(feature);
            features.Add(feature);
        }

        recorded["features"] = features;
        recorded["links"] = new JsonArray();
        return StacItemParser.ParseFeatureCollection(recorded.ToJsonString());
    }
}
