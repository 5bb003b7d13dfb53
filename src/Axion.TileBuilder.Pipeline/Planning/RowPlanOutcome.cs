using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The plan of one CSV row, or why it could not be planned.</summary>
public sealed record RowPlanOutcome
{
    /// <summary>Location id.</summary>
    public required string RowId { get; init; }

    /// <summary>Line of the row in the CSV (1 = header).</summary>
    public required int Line { get; init; }

    /// <summary>The plan, or null when planning failed.</summary>
    public RowPlan? Plan { get; init; }

    /// <summary>Failure kind when planning failed.</summary>
    public FailureKind? Kind { get; init; }

    /// <summary>Machine-readable reason when planning failed, e.g. <c>no_clear_scene</c>, <c>bad_input</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Failure message (secrets redacted).</summary>
    public string? Message { get; init; }

    /// <summary>Seconds spent planning the row.</summary>
    public double Seconds { get; init; }
}
