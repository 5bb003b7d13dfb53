using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Axion.TileBuilder.LocalCatalog.Server;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>Shared helpers: start a server on a fake world, fetch JSON, follow next links like a client.</summary>
public static class Harness
{
    public static HttpClient Client(TimeSpan? timeout = null) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(20) };

    public static Task<LocalCatalogServer> StartAsync(FakeWorld world, LocalCatalogOptions? options = null) =>
        LocalCatalogServer.StartAsync(world.World, options ?? new LocalCatalogOptions());

    public static async Task<(HttpResponseMessage Response, JsonNode? Json)> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url));
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Json)> PostJsonAsync(HttpClient client, string url, JsonNode body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync(new Uri(url), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>
    /// Follows <c>next</c> links exactly as a STAC client would (the link's method, href and body),
    /// stopping on a missing link or an empty page. Returns every page.
    /// </summary>
    public static async Task<List<JsonObject>> AllPagesAsync(HttpClient client, string url, JsonObject? postBody, int maxPages = 100)
    {
        var pages = new List<JsonObject>();
        var (response, json) = postBody is null ? await GetJsonAsync(client, url) : await PostJsonAsync(client, url, postBody);
        while (true)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {json?.ToJsonString()}");
            var page = (JsonObject)json!;
            pages.Add(page);
            Assert.True(pages.Count <= maxPages, "too many pages: the pager is looping");
            var next = ((JsonArray)page["links"]!).OfType<JsonObject>().FirstOrDefault(l => (string?)l["rel"] == "next");
            if (next is null || ((JsonArray)page["features"]!).Count == 0)
            {
                return pages;
            }

            var href = (string)next["href"]!;
            (response, json) = (string?)next["method"] == "POST"
                ? await PostJsonAsync(client, href, next["body"]!.DeepClone())
                : await GetJsonAsync(client, href);
        }
    }

    public static IEnumerable<string> Ids(IEnumerable<JsonObject> pages) =>
        pages.SelectMany(p => ((JsonArray)p["features"]!).Select(f => (string)f!["id"]!));

    public static IEnumerable<JsonObject> Features(JsonNode page) => ((JsonArray)page["features"]!).OfType<JsonObject>();

    /// <summary>
    /// Waits (up to 5 s) until a condition holds. Stats are recorded when the server's middleware
    /// finishes, which can be just after the client has read the whole response.
    /// </summary>
    public static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 250 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "condition not reached within 5 s");
    }
}
