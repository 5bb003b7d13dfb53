using System.Globalization;
using System.Runtime.InteropServices;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Pipeline.Tiles;

namespace Axion.TileBuilder.Pipeline.Validation;

/// <summary>Checks one <c>.npz</c> tile file against the contract of <c>docs/output-format.md</c>, one band at a time.</summary>
internal static class TileFileChecker
{
    private const string MetaKey = "meta";
    private const string SclKey = "s2_scl";
    private const string ValidKey = "valid";

    /// <summary>Share of a Sentinel-2 band's finite values allowed above <see cref="BandRange.BrightAbove"/> before warning (1 %, i.e. p99).</summary>
    private const double BrightShare = 0.01;

    /// <summary>Largest difference between <c>meta.valid_fraction</c> and the computed fraction that is not reported.</summary>
    private const double ValidFractionTolerance = 1e-4;

    private static readonly HashSet<string> KnownKeys = new(TileWriter.BandKeys.Concat(TileKeys.AllS2).Append(SclKey).Append(ValidKey).Append(MetaKey), StringComparer.Ordinal);

    public static TileCheckResult Check(string path, ValidationOptions options)
    {
        var file = Path.GetFileName(path);
        var issues = new List<ValidationIssue>();
        NpzArchive archive;
        try
        {
            archive = NpzReader.Open(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new TileCheckResult(file, [], null, Vanished: true);
        }
        catch (Exception ex) when (ex is NpyFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            issues.Add(Violation(file, ValidationChecks.Unreadable, ex.Message));
            return new TileCheckResult(file, issues, null);
        }

        using (archive)
        {
            try
            {
                if (options.VerifyChecksums && NpzIntegrity.Verify(path) is { } corrupt)
                {
                    issues.Add(Violation(file, ValidationChecks.Unreadable, corrupt));
                    return new TileCheckResult(file, issues, null);
                }

                return CheckArchive(archive, file, options.MinValid, issues);
            }
            catch (Exception ex) when (ex is NpyFormatException or IOException or InvalidDataException)
            {
                issues.Add(Violation(file, ValidationChecks.Unreadable, ex.Message));
                return new TileCheckResult(file, issues, null);
            }
        }
    }

    private static TileCheckResult CheckArchive(NpzArchive archive, string file, double minValid, List<ValidationIssue> issues)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var key in archive.Keys.Where(k => !KnownKeys.Contains(k)))
        {
            issues.Add(Warning(file, ValidationChecks.UnknownKey, $"unknown array '{key}' (the contract names {string.Join(", ", KnownKeys)})"));
        }

        var meta = ReadMeta(archive, file, issues);
        CheckFileName(file, meta, issues);
        var height = meta.Height;
        var width = meta.Width;
        var pixels = checked(height * width);
        var joint = new byte[pixels];
        Array.Fill(joint, (byte)1);
        var allBandsRead = true;
        IReadOnlyList<string> bandKeys = meta.S2Keys is { } s2Keys ? [TileKeys.S1Vv, TileKeys.S1Vh, .. s2Keys] : TileWriter.BandKeys;
        foreach (var key in archive.Keys.Where(k => TileKeys.AllS2.Contains(k) && !bandKeys.Contains(k)))
        {
            issues.Add(Warning(file, ValidationChecks.UnknownKey, $"array '{key}' is not one of the tile's bands ({string.Join(", ", bandKeys)}; meta.s2_bands lists the bands of a --bands build)"));
        }

        foreach (var key in bandKeys)
        {
            if (ReadChecked(archive, file, key, NpyDtype.Float32, height, width, issues) is not { } array)
            {
                allBandsRead = false;
                continue;
            }

            var values = BitConverter.IsLittleEndian ? MemoryMarshal.Cast<byte, float>(array.RawData) : array.AsFloat32();
            var range = BandRange.For(key);
            var stats = BandStatistics.Scan(values, range, joint);
            ReportBand(file, key, range, stats, issues);
        }

        double? fraction = null;
        if (allBandsRead)
        {
            var finite = 0;
            foreach (var b in joint)
            {
                finite += b;
            }

            fraction = (double)finite / pixels;
            if (fraction < minValid)
            {
                issues.Add(Violation(file, ValidationChecks.ValidFraction, string.Create(inv, $"only {fraction:0.####} of the pixels are finite in all {bandKeys.Count} bands (minimum {minValid:0.####})")));
            }

            if (meta.ValidFraction is { } recorded && Math.Abs(recorded - fraction.Value) > ValidFractionTolerance)
            {
                issues.Add(Warning(file, ValidationChecks.MetaValidFraction, string.Create(inv, $"meta.valid_fraction is {recorded:0.######} but the bands give {fraction:0.######}")));
            }
        }

        if (archive.Contains(SclKey))
        {
            ReadChecked(archive, file, SclKey, NpyDtype.UInt8, height, width, issues);
        }

        if (archive.Contains(ValidKey) && ReadChecked(archive, file, ValidKey, NpyDtype.UInt8, height, width, issues) is { } valid)
        {
            CheckValidMask(file, valid.RawData, allBandsRead ? joint : null, issues);
        }

        return new TileCheckResult(file, issues, fraction);
    }

    private static TileMeta ReadMeta(NpzArchive archive, string file, List<ValidationIssue> issues)
    {
        if (!archive.Contains(MetaKey))
        {
            issues.Add(Violation(file, ValidationChecks.Meta, "no 'meta' array"));
            return TileMeta.Unknown;
        }

        var array = archive.Get(MetaKey);
        if (array.Dtype != NpyDtype.Unicode || array.Length != 1)
        {
            issues.Add(Violation(file, ValidationChecks.Meta, $"'meta' must be a single unicode string, got dtype '{array.Descr}' shape {Shape(array.Shape)}"));
            return TileMeta.Unknown;
        }

        return TileMetaParser.Parse(array.AsString(), file, issues);
    }

    private static void CheckFileName(string file, TileMeta meta, List<ValidationIssue> issues)
    {
        if (meta is { RowId: { } rowId, TileRow: { } row, TileCol: { } col })
        {
            var expected = TileNames.FileName(rowId, row, col, meta.Timestep);
            if (!string.Equals(expected, file, StringComparison.Ordinal))
            {
                issues.Add(Violation(file, ValidationChecks.FileName, $"the meta names tile '{expected}'"));
            }
        }
        else if (!file.StartsWith("tile_", StringComparison.Ordinal))
        {
            issues.Add(Violation(file, ValidationChecks.FileName, "not a tile file name (tile_<row_id>_<tile_row>_<tile_col>.npz, or with _t<timestep> before .npz)"));
        }
    }

    /// <summary>Checks presence, dtype and shape of <paramref name="key"/>, then reads it; null (with an issue) when it cannot be used.</summary>
    private static NpyArray? ReadChecked(NpzArchive archive, string file, string key, NpyDtype dtype, int height, int width, List<ValidationIssue> issues)
    {
        if (!archive.Contains(key))
        {
            issues.Add(Violation(file, ValidationChecks.MissingKey, $"no '{key}' array"));
            return null;
        }

        NpyHeader header;
        try
        {
            header = archive.GetHeader(key);
        }
        catch (NpyFormatException ex) when (ex.Message.StartsWith("Unsupported dtype", StringComparison.Ordinal))
        {
            issues.Add(Violation(file, ValidationChecks.Dtype, $"'{key}': {ex.Message} (expected '{Descr(dtype)}')"));
            return null;
        }
        catch (NpyFormatException ex)
        {
            issues.Add(Violation(file, ValidationChecks.Unreadable, $"'{key}': {ex.Message}"));
            return null;
        }

        if (header.Dtype != dtype)
        {
            issues.Add(Violation(file, ValidationChecks.Dtype, $"'{key}' has dtype '{header.Descr}', expected '{Descr(dtype)}'"));
            return null;
        }

        if (header.Shape.Count != 2 || header.Shape[0] != height || header.Shape[1] != width)
        {
            issues.Add(Violation(file, ValidationChecks.Shape, string.Create(CultureInfo.InvariantCulture, $"'{key}' has shape {Shape(header.Shape)}, expected ({height}, {width})")));
            return null;
        }

        return archive.Get(key);
    }

    private static void ReportBand(string file, string key, BandRange range, BandStatistics stats, List<ValidationIssue> issues)
    {
        var inv = CultureInfo.InvariantCulture;
        if (stats.Finite == 0)
        {
            issues.Add(Violation(file, ValidationChecks.AllNaN, $"'{key}' has no finite value"));
            return;
        }

        if (stats.OutOfRange > 0)
        {
            issues.Add(Violation(file, ValidationChecks.Range, string.Create(inv, $"'{key}': {stats.OutOfRange} value(s) outside [{range.Min}, {range.Max}] {range.Unit} (min {stats.Min:G6}, max {stats.Max:G6})")));
        }

        if (range.BrightAbove is { } bright && stats.Bright > stats.Finite * BrightShare)
        {
            issues.Add(Warning(file, ValidationChecks.BrightReflectance, string.Create(inv, $"'{key}': {100.0 * stats.Bright / stats.Finite:0.#}% of the values are above {bright} (99th percentile > {bright})")));
        }
    }

    private static void CheckValidMask(string file, ReadOnlySpan<byte> mask, byte[]? joint, List<ValidationIssue> issues)
    {
        long notBinary = 0, disagree = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            var m = mask[i];
            if (m > 1)
            {
                notBinary++;
            }
            else if (joint is not null && m != joint[i])
            {
                disagree++;
            }
        }

        if (notBinary > 0)
        {
            issues.Add(Violation(file, ValidationChecks.ValidMask, string.Create(CultureInfo.InvariantCulture, $"'valid' holds {notBinary} value(s) other than 0 and 1")));
        }

        if (disagree > 0)
        {
            issues.Add(Violation(file, ValidationChecks.ValidMask, string.Create(CultureInfo.InvariantCulture, $"'valid' disagrees with the bands' finite pixels at {disagree} pixel(s)")));
        }
    }

    /// <summary>A shape as numpy prints it: <c>(256, 256)</c>, <c>(3,)</c>, <c>()</c>.</summary>
    private static string Shape(IReadOnlyList<int> shape) => shape.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)")
        : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";

    private static string Descr(NpyDtype dtype) => dtype switch
    {
        NpyDtype.Float32 => "<f4",
        NpyDtype.UInt8 => "|u1",
        _ => dtype.ToString(),
    };

    private static ValidationIssue Violation(string file, string check, string message) => new(file, check, message, IssueSeverity.Violation);

    private static ValidationIssue Warning(string file, string check, string message) => new(file, check, message, IssueSeverity.Warning);
}
