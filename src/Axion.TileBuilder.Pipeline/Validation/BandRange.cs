namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>The physical range of a band's finite values.</summary>
/// <param name="Min">Smallest allowed value (inclusive).</param>
/// <param name="Max">Largest allowed value (inclusive).</param>
/// <param name="Unit">Unit for messages.</param>
/// <param name="BrightAbove">Values above this count as bright (warning when more than 1 %); null for no such check.</param>
internal sealed record BandRange(float Min, float Max, string Unit, float? BrightAbove)
{
    /// <summary>Sentinel-2 surface reflectance: [-0.2, 2.0]; bright above 1.2.</summary>
    public static BandRange Reflectance { get; } = new(-0.2f, 2.0f, "reflectance", 1.2f);

    /// <summary>Sentinel-1 backscatter: [-60, 30] dB.</summary>
    public static BandRange Decibel { get; } = new(-60f, 30f, "dB", null);

    /// <summary>The range of a band key (<c>s1_*</c> dB, otherwise reflectance).</summary>
    public static BandRange For(string key) => key.StartsWith("s1_", StringComparison.Ordinal) ? Decibel : Reflectance;
}
