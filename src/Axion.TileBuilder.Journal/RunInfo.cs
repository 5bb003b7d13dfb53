namespace Axion.TileBuilder.Journal;

/// <summary>
/// The batch an out dir belongs to, recorded once by <c>build</c> and checked by <c>resume</c>.
/// </summary>
/// <param name="SettingsJson">The resolved run settings as a JSON document (written by the command line; opaque here).</param>
/// <param name="CsvPath">The input CSV path as given on the command line.</param>
/// <param name="CsvSha256">Lower-case hex SHA-256 of the CSV bytes (64 characters); see <see cref="BatchJournal.HashCsv"/>.</param>
/// <param name="ToolVersion">The axion-tiles version that started the run, e.g. <c>0.1.0</c>.</param>
/// <param name="CreatedAt">When the run was started (stored as UTC ISO 8601).</param>
/// <param name="Catalog">The catalog name, e.g. <c>earth-search</c>, <c>planetary-computer</c>, <c>local</c>.</param>
public sealed record RunInfo(
    string SettingsJson,
    string CsvPath,
    string CsvSha256,
    string ToolVersion,
    DateTimeOffset CreatedAt,
    string Catalog)
{
    /// <summary>
    /// Last time any row of the run changed state (UTC). Set by the journal when it reads the run
    /// back; ignored by <see cref="BatchJournal.StartRun"/> (which uses the current time).
    /// </summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
