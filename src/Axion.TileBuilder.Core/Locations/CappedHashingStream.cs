using System.Globalization;
using System.Security.Cryptography;

namespace Axion.TileBuilder.Locations;

/// <summary>
/// A read-only pass-through stream that hashes every byte read (SHA-256), counts lines, and throws
/// <see cref="LocationCsvException"/> as soon as the total or one line passes <see cref="LocationCsvLimits"/>.
/// </summary>
internal sealed class CappedHashingStream(Stream inner, string path, LocationCsvLimits limits) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _total;
    private int _lineBytes;
    private int _line = 1;

    /// <summary>The 1-based line the bytes read so far end in.</summary>
    public int Line => _line;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads (and checks) whatever the parser left unread, so the hash covers the whole file.</summary>
    public void ReadToEnd()
    {
        var buffer = new byte[64 * 1024];
        while (Read(buffer, 0, buffer.Length) > 0)
        {
        }
    }

    /// <summary>Lower-case hex SHA-256 of every byte read.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Check(buffer[..n]);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> chunk)
    {
        _total += chunk.Length;
        if (_total > limits.MaxBytes)
        {
            throw LocationCsvFile.TooLarge(path, limits, _total);
        }

        _hash.AppendData(chunk);
        var rest = chunk;
        while (true)
        {
            var lf = rest.IndexOf((byte)'\n');
            var length = lf < 0 ? rest.Length : lf;
            if ((long)_lineBytes + length > limits.MaxLineBytes + 1)
            {
                // +1: a CRLF line's CR is part of its break, not of its text.
                throw new LocationCsvException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{path} line {_line}: the line is longer than the cap of {limits.MaxLineBytes / 1024} KiB (a CSV row is far shorter: is this the right file?)."),
                    path,
                    [_line]);
            }

            if (lf < 0)
            {
                _lineBytes += length;
                return;
            }

            _lineBytes = 0;
            _line++;
            rest = rest[(lf + 1)..];
        }
    }
}
