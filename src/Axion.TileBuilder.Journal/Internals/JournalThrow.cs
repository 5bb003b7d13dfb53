using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Axion.TileBuilder.Errors;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Journal.Internals;

/// <summary>Throw helpers and argument checks; messages quote the bad value.</summary>
[StackTraceHidden]
internal static class JournalThrow
{
    private const int QuoteLength = 80;

    public static JournalStorageException Environment(string message, Exception? inner = null) =>
        new(FailureKind.Environment, message, 0, inner);

    public static JournalStorageException Storage(string dbPath, SqliteException ex) =>
        new(
            FailureKind.Environment,
            ex.SqliteErrorCode == JournalStorageException.SqliteFull
                ? $"journal {dbPath}: no space left on its device ({ex.Message}); the journal keeps its last committed state: free some space, then resume the batch"
                : $"journal {dbPath}: SQLite error {ex.SqliteErrorCode}: {ex.Message}",
            ex.SqliteErrorCode,
            ex);

    [DoesNotReturn]
    public static void NotInJournal(string rowId) =>
        throw new JournalStateException($"row '{rowId}' is not in the journal", rowId);

    [DoesNotReturn]
    public static void IllegalTransition(string rowId, RowState from, RowState to, string why) =>
        throw new JournalStateException(
            $"row '{rowId}' cannot go from {RowStateNames.ToText(from)} to {RowStateNames.ToText(to)}: {why}",
            rowId,
            from,
            to);

    [DoesNotReturn]
    public static void Argument(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    /// <summary>Throws unless <paramref name="json"/> is one well-formed JSON document.</summary>
    public static void IfNotJson(string? json, string paramName)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            Argument(paramName, $"{paramName} must be a JSON document, got '{json}'");
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            Argument(paramName, $"{paramName} is not valid JSON ({ex.Message}): '{Quote(json)}'");
        }
    }

    public static string Quote(string text) =>
        text.Length <= QuoteLength ? text : string.Concat(text.AsSpan(0, QuoteLength), "...");
}
