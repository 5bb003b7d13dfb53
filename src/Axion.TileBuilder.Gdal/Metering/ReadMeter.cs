using System.Globalization;

namespace Axion.TileBuilder.Gdal.Metering;

/// <summary>
/// The cost of one read of one file (one attempt: every handle GDAL opens for it is the same file), counted in the read's own file handle (see <see cref="MeteredFileSystem"/>), never
/// taken from process-wide statistics, so reads of the same file by other rows at the same time are not charged here.
/// <para>
/// <b>Bytes</b> are the distinct bytes of the file the read asked GDAL for (each byte once, however often GDAL reads it
/// again from its cache); <b>requests</b> are the byte ranges it asked for that held bytes it had not asked for before
/// (one per range of a multi-range read, as <c>/vsicurl/</c> sends one GET per range) plus one for opening the file
/// (the HEAD). With nothing cached this is what the read downloads, up to <c>/vsicurl/</c>'s rounding to its 16 KiB
/// chunks and the 64 KiB it reads at open (<c>GDAL_INGESTED_BYTES_AT_OPEN</c>).
/// </para>
/// <para>
/// A <see cref="BudgetBytes"/> is checked before a request is passed on: a request that would take the read past it is
/// refused (GDAL sees a failed read, nothing is downloaded) and <see cref="Exceeded"/> is set. Thread-safe.
/// </para>
/// </summary>
public sealed class ReadMeter
{
    private readonly Lock _lock = new();
    private readonly ByteRangeSet _seen = new();
    private readonly ByteLedger? _ledger;
    private long _requests;
    private long _budget;
    private string? _refusal;

    /// <param name="ledger">Also charged with every new range (the row's total), or null.</param>
    /// <param name="budgetBytes">Most bytes the read may ask for; null for no limit (it can be set later, e.g. once the header is read).</param>
    public ReadMeter(ByteLedger? ledger = null, long? budgetBytes = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes ?? 0);
        _ledger = ledger;
        _budget = budgetBytes ?? long.MaxValue;
    }

    /// <summary>Most bytes the read may ask for (null: no limit). Setting it does not undo bytes already read.</summary>
    public long? BudgetBytes
    {
        get
        {
            var b = Volatile.Read(ref _budget);
            return b == long.MaxValue ? null : b;
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value ?? 0);
            Volatile.Write(ref _budget, value ?? long.MaxValue);
        }
    }

    /// <summary>Distinct bytes the read asked for so far.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Requests the read needed so far (see the class remarks).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>True once a request was refused for passing <see cref="BudgetBytes"/>.</summary>
    public bool Exceeded => Volatile.Read(ref _refusal) is not null;

    /// <summary>
    /// Why the inner file system could not open the file (with its HTTP status when there was one), or null. GDAL's own
    /// error for the metered path only says that the file does not exist.
    /// </summary>
    public GdalException? OpenFailure { get; internal set; }

    /// <summary>What was refused (bytes asked, bytes already read, budget), or null.</summary>
    public string? Refusal => Volatile.Read(ref _refusal);

    /// <summary>Counts the open of <paramref name="file"/> (one HEAD).</summary>
    internal void ChargeOpen(string file)
    {
        Interlocked.Increment(ref _requests);
        _ledger?.ChargeOpen(file);
    }

    /// <summary>
    /// Charges the ranges (offset, length) a request asks for; false (and nothing charged) when the new bytes would pass
    /// the budget, or when an earlier request was refused.
    /// </summary>
    internal bool TryCharge(string file, ReadOnlySpan<(long Offset, long Length)> ranges)
    {
        lock (_lock)
        {
            if (_refusal is not null)
            {
                return false;
            }

            long fresh = 0;
            var freshRanges = 0;
            foreach (var (offset, length) in ranges)
            {
                var missing = _seen.Missing(offset, length);
                if (missing.Count > 0)
                {
                    freshRanges++;
                    fresh += missing.Sum(m => m.End - m.Start);
                }
            }

            var budget = Volatile.Read(ref _budget);
            if (fresh > 0 && _seen.Count + fresh > budget)
            {
                Volatile.Write(ref _refusal, string.Create(
                    CultureInfo.InvariantCulture,
                    $"a request for {fresh} more bytes after {_seen.Count} would pass the read's budget of {budget} bytes"));
                return false;
            }

            foreach (var (offset, length) in ranges)
            {
                _seen.Add(offset, offset + length);
            }

            Interlocked.Add(ref _requests, freshRanges);
            _ledger?.Charge(file, ranges);
            return true;
        }
    }
}
