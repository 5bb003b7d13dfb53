using Axion.TileBuilder.Stac.Security;

namespace Axion.TileBuilder.Stac.Tests.Security;

public class SecretRedactorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        {
            "https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif?st=2025-03-12T09%3A00%3A00Z&se=2025-03-12T10%3A00%3A00Z&sp=rl&sv=2024-05-04&sr=c&skoid=abc&sktid=def&skt=1&ske=2&sks=b&skv=2024&sig=AbC%2Bd%3D",
            "https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/B04.tif?st=REDACTED&se=REDACTED&sp=REDACTED&sv=REDACTED&sr=REDACTED&skoid=REDACTED&sktid=REDACTED&skt=REDACTED&ske=REDACTED&sks=REDACTED&skv=REDACTED&sig=REDACTED"
        },
        {
            "HTTP response code on https://x.blob.core.windows.net/c/a.tif?st=2025&se=2025&sig=abc%3D: 403",
            "HTTP response code on https://x.blob.core.windows.net/c/a.tif?st=REDACTED&se=REDACTED&sig=REDACTED: 403"
        },
        {
            "GDAL: /vsicurl/https://h.test/a.tif?sig=abc&x=1 failed",
            "GDAL: /vsicurl/https://h.test/a.tif?sig=REDACTED&x=1 failed"
        },
        {
            "https://bucket.s3.amazonaws.com/k.tif?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F2025&X-Amz-Signature=deadbeef&X-Amz-Security-Token=tok",
            "https://bucket.s3.amazonaws.com/k.tif?X-Amz-Algorithm=REDACTED&X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Security-Token=REDACTED"
        },
        {
            "https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIA123&Expires=1700000000&Signature=xyz%3D",
            "https://b.s3.amazonaws.com/k?AWSAccessKeyId=REDACTED&Expires=1700000000&Signature=REDACTED"
        },
        { "https://user:p%40ss@host.test/path?a=1", "https://REDACTED@host.test/path?a=1" },
        { "ftp://anonymous@files.test/x", "ftp://REDACTED@files.test/x" },
        { "GET https://pc.test/items?token=next:naip:abc&limit=1", "GET https://pc.test/items?token=REDACTED&limit=1" },
        { "callback?code=4/0Ab&state=ok", "callback?code=REDACTED&state=ok" },
        { "https://api.test/x?subscription-key=k1&key=k2", "https://api.test/x?subscription-key=REDACTED&key=REDACTED" },
        {
            """{"msft:expiry":"2021-04-08T18:49:29Z","token":"se=2021&sp=rl&sig=bbb%3D"}""",
            """{"msft:expiry":"2021-04-08T18:49:29Z","token":"REDACTED"}"""
        },
        {
            "DefaultEndpointsProtocol=http;AccountName=dev;AccountKey=Eby8vd+M02x/Nw==;BlobEndpoint=http://127.0.0.1:10000/dev;",
            "DefaultEndpointsProtocol=http;AccountName=dev;AccountKey=REDACTED;BlobEndpoint=http://127.0.0.1:10000/dev;"
        },
        {
            "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2024-05-04&ss=b&sig=abc%3D",
            "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=REDACTED&ss=b&sig=REDACTED"
        },
        { "Ocp-Apim-Subscription-Key: abc123def", "Ocp-Apim-Subscription-Key: REDACTED" },
        { "Authorization: Bearer eyJhbGciOi.x.y", "Authorization: REDACTED" },
        { "https://host.test/path/se/sig.tif?noise=1&base=2&design=3", "https://host.test/path/se/sig.tif?noise=1&base=2&design=3" },
        { "nothing secret here: 403 Forbidden", "nothing secret here: 403 Forbidden" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Redacts_and_is_idempotent(string input, string expected)
    {
        var once = SecretRedactor.Redact(input);

        Assert.Equal(expected, once);
        Assert.Equal(once, SecretRedactor.Redact(once));
    }

    [Fact]
    public void Text_without_candidates_is_returned_as_is()
    {
        const string text = "plain words only";
        Assert.Same(text, SecretRedactor.Redact(text));
        Assert.Equal(string.Empty, SecretRedactor.Redact(null));
    }

    [Theory]
    [InlineData("https://x.blob.core.windows.net/c/a.tif?st=1&sig=abc", "https://x.blob.core.windows.net/c/a.tif?<redacted>")]
    [InlineData("https://user:pw@host.test:8443/a/b.tif?x=1#frag", "https://host.test:8443/a/b.tif?<redacted>")]
    [InlineData("https://host.test/a/b.tif", "https://host.test/a/b.tif")]
    [InlineData("s3://bucket/key.tif?versionId=1", "s3://bucket/key.tif?<redacted>")]
    [InlineData("not a url sig=abc", "not a url sig=REDACTED")]
    public void Redact_url_drops_query(string input, string expected)
    {
        Assert.Equal(expected, SecretRedactor.RedactUrl(input));
        Assert.Equal(expected, SecretRedactor.RedactUrl(SecretRedactor.RedactUrl(input)));
    }

    [Fact]
    public void Redact_url_of_uri()
    {
        Assert.Equal("https://h.test/p?<redacted>", SecretRedactor.RedactUrl(new Uri("https://h.test/p?sig=1")));
    }
}
