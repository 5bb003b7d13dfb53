namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>What the checks of one <c>.npz</c> file found.</summary>
/// <param name="File">File name relative to the dataset folder.</param>
/// <param name="Issues">Violations and warnings of the file itself.</param>
/// <param name="FiniteFraction">Joint finite fraction of the six bands; null when they could not all be read.</param>
/// <param name="Vanished">True when the file disappeared before it could be opened (a running batch deleted it).</param>
internal sealed record TileCheckResult(string File, IReadOnlyList<ValidationIssue> Issues, double? FiniteFraction, bool Vanished = false);
