using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Axion.TileBuilder.LocalCatalog.Server.Stac;
using Microsoft.AspNetCore.Http;

namespace Axion.TileBuilder.LocalCatalog.Server.Assets;

/// <summary>
/// Issues and checks imitation Azure SAS tokens shaped like the Planetary Computer's
/// (<c>st=..&amp;se=..&amp;sp=rl&amp;sv=2021-06-08&amp;sr=c&amp;skoid=..&amp;sktid=..&amp;skt=..&amp;ske=..&amp;sks=b&amp;skv=2021-06-08&amp;sig=..</c>).
/// <c>sig</c> = base64 HMAC-SHA256(secret, container + "\n" + se + "\n" + st): a token only opens its container
/// until its <c>se</c>.
/// </summary>
internal sealed class SasTokenService(byte[] secret, TimeProvider clock)
{
    private const string Version = "2021-06-08";
    private readonly Guid _objectId = Guid.NewGuid();
    private readonly Guid _tenantId = Guid.NewGuid();

    /// <summary>A token for <paramref name="container"/> valid from now - 15 min until now + lifetime.</summary>
    public (DateTimeOffset Expiry, string Token) Issue(string container, TimeSpan lifetime)
    {
        var now = TruncateToSeconds(clock.GetUtcNow());
        var start = now.AddMinutes(-15);
        var expiry = now + lifetime;
        var keyStart = now.AddMinutes(-5);
        var keyExpiry = (expiry > now.AddDays(1) ? expiry : now.AddDays(1)).AddMinutes(5);
        var st = StacFormat.Seconds(start);
        var se = StacFormat.Seconds(expiry);
        var token = string.Join('&',
            "st=" + Escape(st),
            "se=" + Escape(se),
            "sp=rl",
            "sv=" + Version,
            "sr=c",
            "skoid=" + _objectId.ToString(),
            "sktid=" + _tenantId.ToString(),
            "skt=" + Escape(StacFormat.Seconds(keyStart)),
            "ske=" + Escape(StacFormat.Seconds(keyExpiry)),
            "sks=b",
            "skv=" + Version,
            "sig=" + Escape(Sign(container, se, st)));
        return (TruncateToSeconds(expiry), token);
    }

    /// <summary>Checks the SAS fields of a request for <paramref name="container"/> (Azure's detail texts).</summary>
    public SasValidation Validate(string container, IQueryCollection query)
    {
        var sig = query["sig"].ToString().Replace(' ', '+');
        var se = query["se"].ToString();
        var st = query["st"].ToString();
        var sp = query["sp"].ToString();
        if (sig.Length == 0 && se.Length == 0 && sp.Length == 0)
        {
            return new SasValidation("Signature fields not well formed.");
        }

        if (sp.Length == 0)
        {
            return new SasValidation("sp is mandatory. Cannot be empty");
        }

        if (!TryParse(se, out var expiry) || sig.Length == 0 || (st.Length > 0 && !TryParse(st, out _)))
        {
            return new SasValidation("Signature fields not well formed.");
        }

        var start = st.Length > 0 && TryParse(st, out var parsedStart) ? parsedStart : (DateTimeOffset?)null;
        if (start is { } s && expiry <= s)
        {
            return new SasValidation($"Signed expiry time [{Rfc1123(expiry)}] must be after signed start time [{Rfc1123(s)}]");
        }

        var expected = Sign(container, se, st);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sig)))
        {
            return new SasValidation($"Signature did not match. String to sign used was {sp}\n{st}\n{se}\n/blob/{container}\n\n\n\n{Version}\nc");
        }

        var now = clock.GetUtcNow();
        if (now > expiry || (start is { } begin && now < begin))
        {
            return new SasValidation(
                $"Signature not valid in the specified time frame: Start [{(start is { } b ? Rfc1123(b) : string.Empty)}] - Expiry [{Rfc1123(expiry)}] - Current [{Rfc1123(now)}]");
        }

        return SasValidation.Valid;
    }

    private string Sign(string container, string se, string st)
    {
        var payload = Encoding.UTF8.GetBytes(container + "\n" + se + "\n" + st);
        return Convert.ToBase64String(HMACSHA256.HashData(secret, payload));
    }

    private static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static string Rfc1123(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
