using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// Serves in-memory files over HTTP on 127.0.0.1 with HEAD and single byte-range GET support, the
/// way GDAL's <c>/vsicurl/</c> reads a COG. <see cref="Status"/> can answer a request with an error
/// status instead (e.g. 403 for an expired signature).
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;

    public LoopbackFileServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseUri = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Root URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Optional: a status code to answer instead of the file (null = serve normally).</summary>
    public Func<HttpListenerRequest, int?>? Status { get; set; }

    /// <summary>Optional: runs before a request is answered (it may block to hold the answer back).</summary>
    public Action<HttpListenerRequest>? Hold { get; set; }

    /// <summary>Optional: true for a range request to answer with the whole file (200), as a server that ignores ranges.</summary>
    public Func<HttpListenerRequest, bool>? IgnoreRange { get; set; }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Serves <paramref name="bytes"/> at <c>/<paramref name="name"/></c>; returns its URL (no query).</summary>
    public Uri Add(string name, byte[] bytes)
    {
        _files["/" + name] = bytes;
        return new Uri(BaseUri, name);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with an exception when the listener closes.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    /// <summary>
    /// Answers one request. It is recorded before the answer's last byte is sent, so a client that has its answer finds
    /// the request in <see cref="Requests"/> (a request whose answer fails is recorded too).
    /// </summary>
    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var range = request.Headers["Range"];
        var recorded = false;
        void Send(int status, byte[] body, long? contentLength = null)
        {
            recorded = true;
            _requests.Enqueue(new RecordedRequest(request.HttpMethod, request.Url!.PathAndQuery, range, status, request.HttpMethod == "HEAD" ? 0 : body.Length));
            Reply(response, status, body, contentLength);
        }

        try
        {
            response.Headers["Accept-Ranges"] = "bytes";
            Hold?.Invoke(request);
            if (Status?.Invoke(request) is { } forced)
            {
                Send(forced, []);
                return;
            }

            if (!_files.TryGetValue(request.Url!.AbsolutePath, out var file))
            {
                Send(404, "not found"u8.ToArray());
                return;
            }

            if (request.HttpMethod == "HEAD")
            {
                Send(200, [], file.Length);
                return;
            }

            if (range is null || IgnoreRange?.Invoke(request) == true)
            {
                Send(200, file);
                return;
            }

            // "bytes=a-b" or "bytes=a-": one range is all GDAL asks for at a time here.
            var spec = range["bytes=".Length..].Split(',')[0];
            var dash = spec.IndexOf('-', StringComparison.Ordinal);
            var start = long.Parse(spec[..dash], CultureInfo.InvariantCulture);
            var end = dash == spec.Length - 1 ? file.Length - 1 : Math.Min(long.Parse(spec[(dash + 1)..], CultureInfo.InvariantCulture), file.Length - 1);
            if (start >= file.Length)
            {
                response.Headers["Content-Range"] = $"bytes */{file.Length}";
                Send(416, []);
                return;
            }

            response.Headers["Content-Range"] = $"bytes {start}-{end}/{file.Length}";
            Send(206, file.AsSpan((int)start, (int)(end - start + 1)).ToArray());
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
            if (!recorded)
            {
                _requests.Enqueue(new RecordedRequest(request.HttpMethod, request.Url!.PathAndQuery, range, 0, 0));
            }
        }
    }

    private static void Reply(HttpListenerResponse response, int status, byte[] body, long? contentLength)
    {
        response.StatusCode = status;
        response.ContentLength64 = contentLength ?? body.Length;
        if (body.Length > 0)
        {
            response.OutputStream.Write(body);
        }

        response.Close();
    }
}
