using Microsoft.AspNetCore.Http;

namespace Axion.TileBuilder.LocalCatalog.Server.Http;

/// <summary>
/// Wraps a response body: counts bytes written, caps the write rate
/// (<see cref="FaultOptions.BandwidthBytesPerSecond"/>) and, when asked to truncate, lets half of the
/// announced Content-Length through and then aborts the connection. The rate cap waits on <paramref name="clock"/>
/// (the server's <see cref="LocalCatalogOptions.Clock"/>), so tests can check the waits without a stopwatch.
/// </summary>
internal sealed class ResponseMeter(Stream inner, HttpContext context, long bytesPerSecond, bool truncate, TimeProvider clock) : Stream
{
    private static readonly TimeSpan TruncateGrace = TimeSpan.FromMilliseconds(100);
    private readonly long _started = clock.GetTimestamp();
    private long? _allowed;
    private bool _aborted;

    public long BytesWritten { get; private set; }

    public bool Truncated => _aborted;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _aborted ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_aborted)
        {
            return;
        }

        if (truncate && _allowed is null)
        {
            _allowed = (context.Response.ContentLength ?? (BytesWritten + buffer.Length) * 2) / 2;
        }

        if (_allowed is { } allowed && BytesWritten + buffer.Length > allowed)
        {
            var take = (int)Math.Max(0, allowed - BytesWritten);
            await WriteThrottledAsync(buffer[..take], cancellationToken);
            await inner.FlushAsync(cancellationToken);
            _aborted = true;

            // Flushing hands the bytes to the transport, not to the socket: give the transport a moment
            // to send them before the abort resets the connection.
            await Task.Delay(TruncateGrace, CancellationToken.None);
            context.Abort();
            return;
        }

        await WriteThrottledAsync(buffer, cancellationToken);
    }

    private async ValueTask WriteThrottledAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (bytesPerSecond <= 0)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            BytesWritten += buffer.Length;
            return;
        }

        var chunk = (int)Math.Clamp(bytesPerSecond / 20, 1, 65536);
        while (!buffer.IsEmpty)
        {
            var part = buffer[..Math.Min(chunk, buffer.Length)];
            await inner.WriteAsync(part, cancellationToken);
            await inner.FlushAsync(cancellationToken);
            BytesWritten += part.Length;
            buffer = buffer[part.Length..];
            var due = TimeSpan.FromSeconds((double)BytesWritten / bytesPerSecond);
            var wait = due - clock.GetElapsedTime(_started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
        }
    }
}
