namespace Axion.TileBuilder.Journal.Tests;
public sealed class ZzDebug
{
    [Fact]
    public void Dbg()
    {
        using var dir = new TempOutDir();
        var lockPath = Path.Combine(dir.Path, BatchJournal.LockFileName);
        using var holder = ChildProcess.StartPython("""
            import fcntl, sys, time
            f = open(sys.argv[1], "a+")
            fcntl.flock(f, fcntl.LOCK_EX)
            print("locked", flush=True)
            time.sleep(5)
            print("slept", flush=True)
            """, lockPath);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var a = holder.ReadLine();
        var l1 = File.ReadAllText("/proc/locks");
        var b = holder.ReadLine();
        var c = holder.ReadLine();
        Assert.Fail($"{a}|{b}|{c}|{sw.Elapsed}\n{l1}");
    }
}
