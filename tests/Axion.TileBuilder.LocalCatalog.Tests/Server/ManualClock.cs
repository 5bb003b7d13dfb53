namespace Axion.TileBuilder.LocalCatalog.Tests.Server;

/// <summary>A settable clock for SAS expiry tests.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
