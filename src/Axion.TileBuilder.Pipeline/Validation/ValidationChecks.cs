namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>The names of the checks, as they appear in <see cref="ValidationIssue.Check"/> and in <c>--json</c>.</summary>
public static class ValidationChecks
{
    /// <summary>Not a zip, or an array whose header or data cannot be read.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>One of the six band arrays is absent.</summary>
    public const string MissingKey = "missing_key";

    /// <summary>An array has the wrong dtype (bands <c>&lt;f4</c>, <c>s2_scl</c>/<c>valid</c> <c>|u1</c>).</summary>
    public const string Dtype = "dtype";

    /// <summary>An array is not (height, width) of the meta.</summary>
    public const string Shape = "shape";

    /// <summary>Warning: an array the contract does not name.</summary>
    public const string UnknownKey = "unknown_key";

    /// <summary>The <c>meta</c> string is absent, not JSON, or lacks or has a bad required field.</summary>
    public const string Meta = "meta";

    /// <summary>The file name is not <c>tile_&lt;row_id&gt;_&lt;tile_row&gt;_&lt;tile_col&gt;.npz</c> of the meta.</summary>
    public const string FileName = "file_name";

    /// <summary>Fewer pixels finite in all six bands than <see cref="ValidationOptions.MinValid"/>.</summary>
    public const string ValidFraction = "valid_fraction";

    /// <summary>A band without a single finite value.</summary>
    public const string AllNaN = "all_nan";

    /// <summary>Finite values outside the physical range (S2 reflectance [-0.2, 2.0], S1 dB [-60, 30]).</summary>
    public const string Range = "range";

    /// <summary>Warning: more than 1 % of a Sentinel-2 band's finite values above 1.2 (99th percentile &gt; 1.2).</summary>
    public const string BrightReflectance = "p99_high";

    /// <summary>The <c>valid</c> mask disagrees with the bands' finite pixels, or holds values other than 0 and 1.</summary>
    public const string ValidMask = "valid_mask";

    /// <summary>Warning: <c>meta.valid_fraction</c> differs from the fraction computed from the bands.</summary>
    public const string MetaValidFraction = "meta_valid_fraction";

    /// <summary>A file a done row of the journal lists is not on disk.</summary>
    public const string Missing = "missing";

    /// <summary>A tile file on disk that no done row of the journal lists (orphaned).</summary>
    public const string Extra = "extra";

    /// <summary>Warning: rows left running by an interrupted batch (run <c>resume</c>).</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Warning: a process holds the folder's lock; files may change while they are checked.</summary>
    public const string BatchRunning = "batch_running";

    /// <summary><c>journal.db</c> cannot be read.</summary>
    public const string JournalUnreadable = "journal_unreadable";

    /// <summary>A file <c>index.csv</c> lists is not on disk.</summary>
    public const string IndexMissing = "index_missing";

    /// <summary>A tile file on disk that <c>index.csv</c> does not list.</summary>
    public const string NotInIndex = "not_in_index";

    /// <summary><c>index.csv</c> cannot be read.</summary>
    public const string IndexUnreadable = "index_unreadable";

    /// <summary>Warning: the journal records done rows but there is no <c>index.csv</c>.</summary>
    public const string NoIndex = "no_index";

    /// <summary>A temporary file (<c>.&lt;name&gt;.tmp-&lt;hex&gt;</c>) of a killed write; the next <c>resume</c> removes it.</summary>
    public const string OrphanedTemp = "orphaned_temp";
}
