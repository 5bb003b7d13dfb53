using System.Collections.Concurrent;
using Axion.TileBuilder.Gdal.Tests.Support;

namespace Axion.TileBuilder.Gdal.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Eight_threads_with_their_own_handles_read_different_windows_correctly()
    {
        const int threads = 8, iterations = 6;
        var path = TestRasters.WriteUInt16GeoTiff(_temp.File("shared.tif"));
        var failures = new ConcurrentQueue<Exception>();
        var reads = 0;
        using var start = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (var i = 0; i < iterations; i++)
                {
                    using var dataset = GdalDataset.Open(path);
                    var (xOff, yOff, size) = ((t * 11) + (i * 7), (t * 9) + (i * 8), 20 + t + i);
                    var bandIndex = 1 + ((t + i) % 2);
                    Func<int, int, ushort> expected = bandIndex == 1 ? TestRasters.UInt16Value : TestRasters.UInt16Value2;
                    var buffer = new ushort[size * size];
                    dataset.GetBand(bandIndex).Read<ushort>(xOff, yOff, size, size, buffer);
                    for (var row = 0; row < size; row++)
                    {
                        for (var col = 0; col < size; col++)
                        {
                            if (buffer[(row * size) + col] != expected(xOff + col, yOff + row))
                            {
                                throw new InvalidOperationException($"thread {t} iteration {i}: wrong value at ({xOff + col},{yOff + row})");
                            }
                        }
                    }

                    Interlocked.Increment(ref reads);
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(failures);
        Assert.Equal(threads * iterations, reads);
    }
}
