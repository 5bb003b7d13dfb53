using System.Text;

namespace Axion.TileBuilder.Stac.Tests.Fakes;

/// <summary>
/// A body that never ends: <c>prefix</c> then <c>unit</c> over and over, as a hostile server streams it. Counts the
/// bytes the reader took, so a test can prove the client stopped reading.
/// </summary>
public sealed class CountingStream(string prefix, string unit) : Stream
{
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
    private readonly byte[] _unit = Encoding.UTF8.GetBytes(unit);
    private long _position;

    /// <summary>Bytes handed to the reader so far.</summary>
    public long BytesRead => Interlocked.Read(ref _position);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var at = _position + i;
            buffer[offset + i] = at < _prefix.Length ? _prefix[at] : _unit[(at - _prefix.Length) % _unit.Length];
        }

        Interlocked.Add(ref _position, count);
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
