using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>The plan of one CSV row, or why it could not be planned.</summary>
public sealed record RowPlanOutcome
{
    /// <summary>Location id.</summary>
    public required string RowId { get; init; }

    /// <summary>Line of the row in the CSV (1 = header).</summary>
    public required int Line { get; init; }

    /// <summary>The plan, or null when planning failed or the batch has several timesteps.</summary>
    public RowPlan? Plan { get; init; }

    /// <summary>
    /// In a batch of several timesteps (<c>--timesteps</c>), the plan of each, oldest first, or why it has none; null
    /// otherwise, and when the row failed (too few timesteps: the failure's message names each missing one).
    /// </summary>
    public IReadOnlyList<TimestepResult<RowPlan>>? Timesteps { get; init; }

    /// <summary>True when the row can be built: it has a plan, or enough timesteps with one.</summary>
    public bool IsPlanned => Plan is not null || Timesteps is not null;

    /// <summary>Every plan of the row: its plan, or those of its timesteps with a clear scene; empty when it failed.</summary>
    public IEnumerable<RowPlan> Plans => Plan is { } plan ? [plan] : (Timesteps ?? []).Select(t => t.Value).OfType<RowPlan>();

    /// <summary>Failure kind when planning failed.</summary>
    public FailureKind? Kind { get; init; }

    /// <summary>Machine-readable reason when planning failed, e.g. <c>no_clear_scene</c>, <c>bad_input</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Failure message (secrets redacted).</summary>
    public string? Message { get; init; }

    /// <summary>Seconds spent planning the row.</summary>
    public double Seconds { get; init; }
}
