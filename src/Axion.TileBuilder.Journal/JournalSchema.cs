namespace Axion.TileBuilder.Journal;

/// <summary>
/// The layout of <c>&lt;out&gt;/journal.db</c> (SQLite, WAL mode, <c>synchronous=FULL</c>), versioned
/// with <c>PRAGMA user_version</c>. Every state change is one short transaction, so after a crash
/// (even <c>kill -9</c>) the file holds the last committed state of every row.
/// </summary>
/// <remarks>
/// Text columns holding times are UTC ISO 8601 with 7 fractional digits and a <c>Z</c>
/// (<c>2025-03-11T04:42:49.6737290Z</c>), so they sort as text. JSON columns hold documents the
/// callers wrote; the journal only checks they parse. Migrations: <see cref="Migrations"/>[i]
/// brings a file from version i to i + 1; a file whose version is above <see cref="Version"/> was
/// written by a newer axion-tiles and is refused.
/// </remarks>
public static class JournalSchema
{
    /// <summary>The schema version this build writes (<c>PRAGMA user_version</c>).</summary>
    public const int Version = 2;

    /// <summary>Version 1: the run table and the rows table.</summary>
    public const string V1 = """
        -- The batch this out dir belongs to: no row before `build` starts, then exactly one (id = 1).
        CREATE TABLE run (
            id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            settings_json TEXT    NOT NULL, -- resolved run settings (JSON, written by the command line)
            csv_path      TEXT    NOT NULL, -- the input CSV as given on the command line
            csv_sha256    TEXT    NOT NULL, -- lower-case hex SHA-256 of the CSV bytes; resume compares it
            tool_version  TEXT    NOT NULL, -- axion-tiles version that started the run
            catalog       TEXT    NOT NULL, -- catalog name (earth-search, planetary-computer, local, ...)
            created_at    TEXT    NOT NULL, -- when the run was started
            updated_at    TEXT    NOT NULL  -- last change of the run or of any row
        ) STRICT;

        -- One row per location (CSV row). See RowState for the state machine.
        CREATE TABLE rows (
            row_id         TEXT    NOT NULL PRIMARY KEY, -- the location id, unique within the run
            line           INTEGER NOT NULL,             -- 1-based CSV line (header = line 1); listing order
            input_json     TEXT    NOT NULL,             -- the parsed row (JSON)
            state          TEXT    NOT NULL
                CHECK (state IN ('pending', 'running', 'done', 'failed', 'skipped')),
            attempts       INTEGER NOT NULL DEFAULT 0,   -- times claimed (MarkRunning)
            retryable      INTEGER NOT NULL DEFAULT 0,   -- failed: 1 when the failure kind is transient
            failure_kind   TEXT,                         -- failed: transient | permanent | bad_input | no_scene | environment | internal (v2)
            reason         TEXT,                         -- failed: finer reason (http_503, ...); skipped: why
            message        TEXT,                         -- failed: one-line message, secrets redacted by the caller
            tiles_written  INTEGER,                      -- done: tiles written
            tiles_rejected INTEGER,                      -- done: tiles rejected by the quality rules
            rejected_json  TEXT,                         -- done: {"reason": count, ...}
            files_json     TEXT,                         -- done: ["file name relative to the out dir", ...] (never empty)
            items_json     TEXT,                         -- done: S2/S1 items used and the decisions taken (JSON)
            bytes_read     INTEGER,                      -- done: bytes read over the network
            requests       INTEGER,                      -- done: HTTP requests made
            seconds        REAL,                         -- done: wall time of the row in seconds
            created_at     TEXT    NOT NULL,             -- when the row was seeded
            started_at     TEXT,                         -- when the last attempt started
            finished_at    TEXT,                         -- when the row reached done, failed or skipped
            updated_at     TEXT    NOT NULL              -- last change of the row
        ) STRICT;

        CREATE INDEX rows_by_line ON rows (line);
        CREATE INDEX rows_by_state ON rows (state, line);
        """;

    /// <summary>
    /// Version 2: <c>rows.crashes</c>, how many times the process died while the row was running (counted when a run
    /// finds the row <c>running</c>, see <see cref="BatchJournal.RecoverCrashedRows"/>). A failed row may now also be
    /// of kind <c>internal</c>. Old journals get 0 crashes.
    /// </summary>
    public const string V2 = """
        ALTER TABLE rows ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0; -- times the process died while the row ran
        """;

    /// <summary>Migration scripts: index i upgrades a file from user_version i to i + 1.</summary>
    public static IReadOnlyList<string> Migrations { get; } = [V1, V2];
}
