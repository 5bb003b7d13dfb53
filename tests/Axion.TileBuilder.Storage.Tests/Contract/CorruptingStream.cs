namespace Axion.TileBuilder.Storage.Tests.Contract;

/// <summary>A seekable read-only view of a stream with one byte flipped: bytes corrupted in flight.</summary>
internal sealed class CorruptingStream(Stream inner, long offset) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset1, int count) => Read(buffer.AsSpan(offset1, count));

    public override int Read(Span<byte> buffer)
    {
        var start = inner.Position;
        var read = inner.Read(buffer);
        Flip(buffer[..read], start);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var start = inner.Position;
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Flip(buffer.Span[..read], start);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset1, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset1, count), cancellationToken).AsTask();

    public override long Seek(long offset1, SeekOrigin origin) => inner.Seek(offset1, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset1, int count) => throw new NotSupportedException();

    private void Flip(Span<byte> read, long start)
    {
        if (offset >= start && offset < start + read.Length)
        {
            read[(int)(offset - start)] ^= 0xFF;
        }
    }
}
