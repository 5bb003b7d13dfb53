using System.Globalization;
using Axion.TileBuilder.LocalCatalog.Server.Stac;
using Microsoft.AspNetCore.Http;

namespace Axion.TileBuilder.LocalCatalog.Server.Http;

/// <summary>
/// The first middleware: classifies the request, applies the fault knobs of its category, meters the
/// response body and records the request in <see cref="ServerStats"/> (admin endpoints excluded).
/// </summary>
internal sealed class RequestPipeline(ServerStats stats, FaultInjector faults, TimeProvider clock, Action<string>? logger, Func<string, CancellationToken, Task>? beforeAnswer)
{
    public const string AdminPrefix = "/_admin";

    public static RequestCategory? Categorize(string path)
    {
        if (path.StartsWith(AdminPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (path.StartsWith(CatalogUrls.TokenPath, StringComparison.Ordinal))
        {
            return RequestCategory.Token;
        }

        if (path.StartsWith(CatalogUrls.PcBlobPath + "/", StringComparison.Ordinal) || path.StartsWith(CatalogUrls.EsS3Path + "/", StringComparison.Ordinal))
        {
            return RequestCategory.Asset;
        }

        if (IsUnder(path, CatalogUrls.PcRootPath) || IsUnder(path, CatalogUrls.EsRootPath))
        {
            return RequestCategory.Stac;
        }

        return RequestCategory.Other;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (Categorize(path) is not { } category)
        {
            await next(context);
            return;
        }

        var arrived = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var target = category switch
        {
            RequestCategory.Asset => FaultTargets.Assets,
            RequestCategory.Token => FaultTargets.Token,
            RequestCategory.Stac => FaultTargets.Stac,
            _ => FaultTargets.None,
        };
        var (options, decision) = faults.Decide(target);
        var applies = (options.AppliesTo & target) != 0;
        var originalBody = context.Response.Body;
        var meter = new ResponseMeter(
            originalBody, context, applies ? options.BandwidthBytesPerSecond : 0, decision == FaultDecision.Truncate, clock);
        context.Response.Body = meter;
        string? fault = null;
        var dropped = false;
        try
        {
            if (beforeAnswer is not null)
            {
                await beforeAnswer(path, context.RequestAborted);
            }

            if (applies && options.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.LatencyMs), clock, context.RequestAborted);
            }

            switch (decision)
            {
                case FaultDecision.Drop:
                    fault = "drop";
                    dropped = true;
                    context.Abort();
                    break;
                case FaultDecision.Error503:
                    fault = "503";
                    await WriteFaultAsync(context, StatusCodes.Status503ServiceUnavailable, category, options.RetryAfterSeconds, "ServerBusy", "The server is busy.");
                    break;
                case FaultDecision.Error429:
                    fault = "429";
                    await WriteFaultAsync(context, StatusCodes.Status429TooManyRequests, category, options.RetryAfterSeconds, "TooManyRequests", "Rate limit is exceeded.");
                    break;
                default:
                    await next(context);
                    break;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            dropped = true;
        }
        finally
        {
            context.Response.Body = originalBody;
            if (meter.Truncated)
            {
                fault = "truncate";
            }

            var entry = new RequestLogEntry(
                arrived,
                context.Request.Method,
                path,
                context.Request.Headers.Range.Count > 0 ? context.Request.Headers.Range.ToString() : null,
                dropped && fault == "drop" ? 0 : context.Response.StatusCode,
                meter.BytesWritten,
                clock.GetElapsedTime(started).TotalMilliseconds,
                category,
                fault);
            stats.Record(entry, context.Request.Headers.ContainsKey("Ocp-Apim-Subscription-Key"));
            logger?.Invoke(string.Create(
                CultureInfo.InvariantCulture,
                $"{entry.Method} {entry.Path} {(entry.Range is null ? string.Empty : entry.Range + " ")}-> {entry.Status} {entry.BytesSent} B {entry.DurationMs:F1} ms{(fault is null ? string.Empty : " fault=" + fault)}"));
        }
    }

    private static bool IsUnder(string path, string root) =>
        path.StartsWith(root, StringComparison.Ordinal) && (path.Length == root.Length || path[root.Length] == '/');

    private static Task WriteFaultAsync(HttpContext context, int status, RequestCategory category, int retryAfter, string code, string message)
    {
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (category == RequestCategory.Asset)
        {
            var xml = $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message}\nRequestId:{Guid.NewGuid()}\nTime:{StacFormat.Timestamp(DateTimeOffset.UtcNow)}</Message></Error>";
            context.Response.Headers["x-ms-error-code"] = code;
            return JsonResponder.WriteTextAsync(context, status, "application/xml", xml);
        }

        return JsonResponder.WriteAsync(context, status, "application/json", w =>
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteString("description", message);
            w.WriteEndObject();
        });
    }
}
