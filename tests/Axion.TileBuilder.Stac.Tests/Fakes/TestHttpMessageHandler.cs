using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Axion.TileBuilder.Stac.Tests.Fakes;

/// <summary>
/// An in-memory HTTP server: records every request and answers with the responder (or the queued
/// responses in order). No network.
/// </summary>
public sealed class TestHttpMessageHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _queue = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>? _responder;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int Count => _requests.Count;

    public HttpClient CreateClient() => new(this, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Answer every request not served by the queue.</summary>
    public TestHttpMessageHandler Respond(Func<RecordedRequest, HttpResponseMessage> responder)
    {
        _responder = (r, _) => Task.FromResult(responder(r));
        return this;
    }

    public TestHttpMessageHandler RespondAsync(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responder = responder;
        return this;
    }

    public TestHttpMessageHandler Enqueue(Func<HttpResponseMessage> response)
    {
        _queue.Enqueue((_, _) => Task.FromResult(response()));
        return this;
    }

    public TestHttpMessageHandler EnqueueAsync(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> response)
    {
        _queue.Enqueue(response);
        return this;
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/geo+json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Text(HttpStatusCode status, string text, string mediaType = "text/plain") =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, mediaType) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        string? body = null;
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name] = string.Join(", ", values);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, headers);
        _requests.Enqueue(recorded);
        if (_queue.TryDequeue(out var next))
        {
            return await next(recorded, cancellationToken);
        }

        if (_responder is { } responder)
        {
            return await responder(recorded, cancellationToken);
        }

        throw new InvalidOperationException($"unexpected request {request.Method} {request.RequestUri}");
    }
}
