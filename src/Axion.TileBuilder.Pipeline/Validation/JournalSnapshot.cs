namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>What the validator needs from <c>journal.db</c>, read once.</summary>
/// <param name="DoneFiles">File name (relative to the folder) to the done row that lists it.</param>
/// <param name="RunningRows">Ids of rows in state <c>running</c>.</param>
internal sealed record JournalSnapshot(IReadOnlyDictionary<string, string> DoneFiles, IReadOnlyList<string> RunningRows);
