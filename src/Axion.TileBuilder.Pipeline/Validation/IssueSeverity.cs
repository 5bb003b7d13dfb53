namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>How bad a finding is.</summary>
public enum IssueSeverity
{
    /// <summary>The dataset breaks the tile contract (<c>docs/output-format.md</c>); <c>validate</c> exits non-zero.</summary>
    Violation,

    /// <summary>Suspicious but allowed (unknown key, very bright reflectance, interrupted batch).</summary>
    Warning,
}
