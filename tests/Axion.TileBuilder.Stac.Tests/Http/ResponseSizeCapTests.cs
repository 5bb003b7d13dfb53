using System.Net;
using System.Text;
using Axion.TileBuilder.Stac.Model;
using Axion.TileBuilder.Stac.Search;
using Axion.TileBuilder.Stac.Signing;
using Axion.TileBuilder.Stac.Tests.Fakes;
using Axion.TileBuilder.Stac.Tests.Search;
using Axion.TileBuilder.Stac.Tests.Signing;

namespace Axion.TileBuilder.Stac.Tests.Http;

/// <summary>Every JSON answer is read with a cap: a larger one is refused without being read whole, and never retried.</summary>
public sealed class ResponseSizeCapTests : StacClientTestBase
{
    private const long Cap = 256 * 1024;
    private static readonly StacSearchRequest Request = new() { Collections = ["sentinel-2-l2a"] };

    [Fact]
    public async Task Endless_search_page_is_refused_after_reading_at_most_the_cap()
    {
        var body = new CountingStream("{\"type\":\"FeatureCollection\",\"features\":[", MinimalItem("S2A_endless") + ",");
        Handler.Respond(_ => Streamed(body, declaredLength: null));

        var client = Client(configure: o => o with { MaxPageBytes = Cap });
        var e = await Assert.ThrowsAsync<StacFormatException>(() => ToListAsync(client.SearchAsync(Request, Ct)));

        Assert.Equal("catalog_format", e.Reason);
        Assert.Equal(
            "catalog answer to POST https://planetarycomputer.microsoft.com/api/stac/v1/search is larger than the cap of 262144 bytes (more was sent); refused",
            e.Message);
        Assert.InRange(body.BytesRead, Cap, Cap + 1); // stopped one byte past the cap, not at the end of the body
        Assert.Equal(1, Handler.Count); // not retried
    }

    [Fact]
    public async Task Declared_length_above_the_cap_is_refused_before_reading_and_the_url_is_redacted()
    {
        var body = new CountingStream("{", " ");
        Handler.Respond(_ => Streamed(body, declaredLength: 158L * 1024 * 1024));

        var client = Client(configure: o => o with { MaxPageBytes = Cap });
        Handler.Enqueue(() => TestHttpMessageHandler.Json(FeatureCollection(MinimalItem("a"), $$"""[{"rel":"next","href":"{{PcRoot}}/search?token=next:abc&sig=SECRET"}]""")));
        var e = await Assert.ThrowsAsync<StacFormatException>(() => ToListAsync(client.SearchAsync(Request, Ct)));

        Assert.Equal(0, body.BytesRead);
        Assert.Contains("catalog answer to GET https://planetarycomputer.microsoft.com/api/stac/v1/search?<redacted> is larger than the cap of 262144 bytes (Content-Length 158 MiB (165675008 bytes))", e.Message);
        Assert.DoesNotContain("SECRET", e.Message);
    }

    [Fact]
    public async Task Page_just_under_the_cap_is_read()
    {
        var items = string.Join(',', Enumerable.Range(0, 200).Select(i => MinimalItem("S2A_" + i)));
        var json = FeatureCollection(items);
        var padded = json[..^1] + new string(' ', (int)Cap - 1 - Encoding.UTF8.GetByteCount(json)) + "}";
        Assert.Equal(Cap - 1, Encoding.UTF8.GetByteCount(padded));
        Handler.Respond(_ => TestHttpMessageHandler.Json(padded));

        var found = await ToListAsync(Client(configure: o => o with { MaxPageBytes = Cap }).SearchAsync(Request, Ct));

        Assert.Equal(200, found.Count);
    }

    [Fact]
    public async Task Item_over_the_document_cap_is_refused()
    {
        var body = new CountingStream("{\"id\":\"x\",\"pad\":\"", "x");
        Handler.Respond(_ => Streamed(body, declaredLength: null));

        var client = Client(configure: o => o with { MaxDocumentBytes = 4096 });
        var e = await Assert.ThrowsAsync<StacFormatException>(() => client.GetItemAsync("sentinel-2-l2a", "x", Ct));

        Assert.Contains("is larger than the cap of 4096 bytes", e.Message);
        Assert.InRange(body.BytesRead, 4096, 4097);
    }

    [Fact]
    public async Task Token_answer_over_its_cap_is_refused()
    {
        var body = new CountingStream("{\"token\":\"", "a");
        Handler.Respond(_ => Streamed(body, declaredLength: null));
        using var signer = new PlanetaryComputerSigner(Http, new PlanetaryComputerSignerOptions { TimeProvider = Time, Resilience = PlanetaryComputerSignerTests.HeldTimeouts });

        var e = await Assert.ThrowsAsync<StacFormatException>(() => signer.SignAsync("https://a.blob.core.windows.net/c/x.tif", "sentinel-2-l2a", Ct).AsTask());

        Assert.StartsWith("token endpoint answer to GET https://planetarycomputer.microsoft.com/api/sas/v1/token/sentinel-2-l2a is larger than the cap of 65536 bytes", e.Message);
        Assert.InRange(body.BytesRead, PlanetaryComputerSignerOptions.DefaultMaxTokenBytes, PlanetaryComputerSignerOptions.DefaultMaxTokenBytes + 1);
    }

    [Fact]
    public async Task Error_body_is_read_only_for_its_excerpt()
    {
        var body = new CountingStream("<html><body>busy ", "x");
        Handler.Respond(_ =>
        {
            var response = Streamed(body, declaredLength: null, HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType = new("text/html");
            return response;
        });

        var e = await Assert.ThrowsAsync<Axion.TileBuilder.Stac.Http.StacHttpException>(() => ToListAsync(Client().SearchAsync(Request, Ct)));

        Assert.StartsWith("POST https://planetarycomputer.microsoft.com/api/stac/v1/search returned HTTP 400 Bad Request: busy xxx", e.Message);
        Assert.InRange(body.BytesRead, 1, 8192);
    }

    private static HttpResponseMessage Streamed(Stream body, long? declaredLength, HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new("application/geo+json");
        content.Headers.ContentLength = declaredLength;
        return new HttpResponseMessage(status) { Content = content };
    }
}
