using Axion.TileBuilder.Pipeline.Planning;

namespace Axion.TileBuilder.Cli.Commands.Plan;

/// <summary>How <c>plan</c> prints a batch while it is planned: a head, each row as it is handed out, the totals at the end.</summary>
internal interface IPlanOutput
{
    /// <summary>Prints what precedes the rows.</summary>
    void Begin();

    /// <summary>Prints one row (called in CSV order, one at a time) and lets it go.</summary>
    void Row(RowPlanOutcome row);

    /// <summary>Prints the totals and the duration estimate, seconds.</summary>
    void End(BatchPlanTotals totals, double estimatedSeconds);
}
