using System.Diagnostics;
using Xunit.Abstractions;
using Axion.TileBuilder.Output.Npz;
using Axion.TileBuilder.Output.Synth;
namespace Axion.TileBuilder.Output.Tests.Synth;
public class TmpTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Timing()
    {
        var sw = Stopwatch.StartNew();
        var t = MockTileGenerator.Generate(1, 0, 256);
        output.WriteLine($"gen1 {sw.ElapsedMilliseconds}"); sw.Restart();
        t = MockTileGenerator.Generate(1, 1, 256);
        output.WriteLine($"gen2 {sw.ElapsedMilliseconds}"); sw.Restart();
        foreach (var c in new[] { false, true })
        {
            using var w = NpzWriter.Create("/tmp/timing.npz", c);
            t.WriteTo(w); w.Commit();
            output.WriteLine($"write {c} {sw.ElapsedMilliseconds}"); sw.Restart();
        }
        MockLayout.Create(5, 1024);
        output.WriteLine($"layout1024 {sw.ElapsedMilliseconds}"); sw.Restart();
        t = MockTileGenerator.Generate(1, 1, 1024);
        output.WriteLine($"gen1024 {sw.ElapsedMilliseconds}"); sw.Restart();
    }
}
