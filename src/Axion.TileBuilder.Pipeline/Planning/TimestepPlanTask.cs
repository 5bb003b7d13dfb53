using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Planning;

/// <summary>
/// The plan of one timestep of a row, under way (<see cref="RowPlanner.PlanTimesteps"/>): faults with a
/// <see cref="Rows.RowFailedException"/> of kind <see cref="Errors.FailureKind.NoData"/> when the part has no usable scene.
/// </summary>
/// <param name="Part">Which part of the row's date window.</param>
/// <param name="Plan">Its plan.</param>
public sealed record TimestepPlanTask(TimestepPart Part, Task<RowPlan> Plan);
