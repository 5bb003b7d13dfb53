using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Rows;

/// <summary>A row could not produce tiles for a reason that is not an I/O error (no scene, no pair, bad catalog data).</summary>
public sealed class RowFailedException : AxionException
{
    public RowFailedException(FailureKind kind, string reason, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Machine-readable reason, e.g. <c>no_s2_candidates</c>, <c>no_clear_scene</c>, <c>no_s1_pair</c>.</summary>
    public override string Reason { get; }
}
