using Axion.TileBuilder.LocalCatalog.Server.Http;
using Axion.TileBuilder.LocalCatalog.Server.Stac;
using Microsoft.AspNetCore.Http;

namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>Azure Blob Storage and S3 style XML error answers.</summary>
internal static class AzureErrors
{
    public const string AuthenticationFailedMessage =
        "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.";

    public static Task AuthenticationFailedAsync(HttpContext context, string detail) =>
        AzureAsync(context, StatusCodes.Status403Forbidden, "AuthenticationFailed", AuthenticationFailedMessage, detail);

    public static Task BlobNotFoundAsync(HttpContext context) =>
        AzureAsync(context, StatusCodes.Status404NotFound, "BlobNotFound", "The specified blob does not exist.", null);

    public static Task S3NoSuchKeyAsync(HttpContext context, string key)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
            + $"<Key>{Escape(key)}</Key><RequestId>{RequestId()[..16]}</RequestId></Error>";
        return JsonResponder.WriteTextAsync(context, StatusCodes.Status404NotFound, "application/xml", xml);
    }

    private static Task AzureAsync(HttpContext context, int status, string code, string message, string? detail)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-request-id"] = requestId;
        context.Response.Headers["x-ms-error-code"] = code;
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error>"
            + $"<Code>{code}</Code><Message>{Escape(message)}\nRequestId:{requestId}\nTime:{StacFormat.Timestamp(DateTimeOffset.UtcNow)[..^4]}Z</Message>"
            + (detail is null ? string.Empty : $"<AuthenticationErrorDetail>{Escape(detail)}</AuthenticationErrorDetail>")
            + "</Error>";
        return JsonResponder.WriteTextAsync(context, status, "application/xml", xml);
    }

    private static string RequestId() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);
}
