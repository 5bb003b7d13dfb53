using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// A STAC API on 127.0.0.1 in front of a real one: Sentinel-2 searches are routed to a <see cref="HostileRow"/>
/// by the centre of their bbox and answered with junk, poisoned hrefs or a paging loop; everything else is
/// passed through (links rewritten so that later pages come back here).
/// </summary>
public sealed class HostileStacProxy : IDisposable
{
    private const string Sentinel2 = "sentinel-2-l2a";
    private readonly HttpListener _listener = new();
    private readonly HttpClient _http = new();
    private readonly string _upstream;
    private readonly IReadOnlyList<HostileRow> _rows;
    private readonly ConcurrentDictionary<string, (string Features, string Body)> _loops = new(StringComparer.Ordinal);
    private readonly Task _serving;

    /// <param name="upstreamRoot">The real STAC root, e.g. <c>http://127.0.0.1:1234/api/stac/v1</c>.</param>
    /// <param name="rows">The rows and their answers.</param>
    public HostileStacProxy(Uri upstreamRoot, IReadOnlyList<HostileRow> rows)
    {
        _upstream = upstreamRoot.AbsoluteUri.TrimEnd('/');
        _rows = rows;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Root = $"http://127.0.0.1:{port}/api/stac/v1";
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The STAC root to pass as <c>--stac-url</c>.</summary>
    public string Root { get; }

    /// <summary>"METHOD path row-id" of every request served.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _http.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        try
        {
            if (request.HttpMethod == "GET" && path.EndsWith("/loop", StringComparison.Ordinal))
            {
                var id = request.QueryString["row"] ?? string.Empty;
                Requests.Enqueue($"GET /loop {id}");
                var (features, original) = _loops[id];
                await WriteAsync(context, 200, "application/geo+json", $$"""{"type":"FeatureCollection","features":{{features}},"links":[{"rel":"next","method":"POST","href":"{{Root}}/search","body":{{original}}}]}""");
                return;
            }

            var row = request.HttpMethod == "POST" && path.EndsWith("/search", StringComparison.Ordinal) ? RowOf(body) : null;
            Requests.Enqueue($"{request.HttpMethod} {path} {row?.Id ?? "-"}");
            switch (row?.Kind)
            {
                case HostileKind.InvalidJson:
                    await WriteAsync(context, 200, "application/geo+json", """{"type":"FeatureCollection","features":[{"type":"Feature","id":"S2A_broken""");
                    return;
                case HostileKind.HtmlPage:
                    await WriteAsync(context, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Access denied</title></head><body><h1>Access denied</h1><p>Your request was blocked by the gateway.</p></body></html>");
                    return;
            }

            var (status, contentType, text) = await ForwardAsync(request, path, body);
            if (row is { Kind: HostileKind.AssetHref or HostileKind.LoopingNext } && status == 200)
            {
                text = Poison(row, text, body);
            }

            await WriteAsync(context, status, contentType, text);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or HttpRequestException)
        {
            // The client went away or the upstream failed: nothing to answer.
            context.Response.Abort();
        }
    }

    private string Poison(HostileRow row, string text, string requestBody)
    {
        var page = JsonNode.Parse(text)!.AsObject();
        if (row.Kind == HostileKind.AssetHref)
        {
            foreach (var feature in page["features"]!.AsArray())
            {
                foreach (var (_, asset) in feature!["assets"]!.AsObject())
                {
                    asset!["href"] = row.Href;
                }
            }

            return page.ToJsonString();
        }

        _loops[row.Id] = (page["features"]!.ToJsonString(), requestBody);
        page["links"] = new JsonArray(new JsonObject
        {
            ["rel"] = "next",
            ["method"] = "GET",
            ["href"] = $"{Root}/loop?row={Uri.EscapeDataString(row.Id)}",
        });
        return page.ToJsonString();
    }

    private async Task<(int Status, string ContentType, string Text)> ForwardAsync(HttpListenerRequest request, string path, string body)
    {
        var rest = path["/api/stac/v1".Length..];
        using var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), _upstream + rest + request.Url!.Query);
        if (request.HttpMethod == "POST")
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        return ((int)response.StatusCode, contentType, text.Replace(_upstream, Root, StringComparison.Ordinal));
    }

    /// <summary>The row whose point is nearest the centre of a Sentinel-2 search's bbox; null for other collections.</summary>
    private HostileRow? RowOf(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (!root.TryGetProperty("collections", out var collections) || collections.EnumerateArray().All(c => c.GetString() != Sentinel2)
            || !root.TryGetProperty("bbox", out var bbox))
        {
            return null;
        }

        var b = bbox.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var (lon, lat) = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
        return _rows.MinBy(r => Math.Pow(r.Latitude - lat, 2) + Math.Pow(r.Longitude - lon, 2));
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
