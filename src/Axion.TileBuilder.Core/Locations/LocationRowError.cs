namespace Axion.TileBuilder.Locations;

/// <summary>
/// A CSV row that could not be used. The batch records it as a failed <c>bad_input</c> row.
/// </summary>
/// <param name="RowId">The row's id when it could be read and is safe, else a synthetic <c>line-17</c>.</param>
/// <param name="Line">1-based line of the file where the row starts (the header is line 1).</param>
/// <param name="Fields">The fields at fault (canonical names: <c>id</c>, <c>lat</c>, <c>lon</c>, <c>start</c>, <c>end</c>, <c>tiles</c>), or <c>row</c>.</param>
/// <param name="Message">One line for the user, naming the file, the line, each field and its bad value.</param>
/// <param name="IdIsSynthetic">True when <paramref name="RowId"/> was made up from the line number.</param>
public sealed record LocationRowError(string RowId, int Line, IReadOnlyList<string> Fields, string Message, bool IdIsSynthetic = false);
