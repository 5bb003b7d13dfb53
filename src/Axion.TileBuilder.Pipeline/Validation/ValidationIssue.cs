namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>One finding of <see cref="DatasetValidator"/>.</summary>
/// <param name="File">File name relative to the dataset folder (e.g. <c>tile_a_0_1.npz</c>, <c>journal.db</c>).</param>
/// <param name="Check">The check that failed, one of <see cref="ValidationChecks"/> (stable, for scripts).</param>
/// <param name="Message">One line for a person.</param>
/// <param name="Severity">Violation or warning.</param>
public sealed record ValidationIssue(string File, string Check, string Message, IssueSeverity Severity);
