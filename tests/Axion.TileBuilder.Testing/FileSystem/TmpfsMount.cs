using System.Diagnostics;
using Xunit;

namespace Axion.TileBuilder.Testing.FileSystem;

/// <summary>A small tmpfs mounted on a fresh folder (needs root); unmounted and removed on dispose.</summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeKb"/> KiB; fails the test (does not skip) when mounting is not possible.</summary>
    public static TmpfsMount Create(string parent, int sizeKb)
    {
        var path = System.IO.Path.Combine(parent, "tmpfs");
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k", "tmpfs", path);
        Assert.True(code == 0, $"mount -t tmpfs failed (exit {code}): {output}. This test needs root and a kernel that allows tmpfs mounts.");
        return new TmpfsMount(path);
    }

    /// <summary>Changes the size limit in place (files stay).</summary>
    public void Resize(int sizeKb)
    {
        var (code, output) = Run("mount", "-o", $"remount,size={sizeKb}k", Path);
        Assert.True(code == 0, $"remount failed (exit {code}): {output}");
    }

    /// <summary>Remounts the tmpfs read-only (root ignores file permissions, but not a read-only mount).</summary>
    public void MakeReadOnly()
    {
        var (code, output) = Run("mount", "-o", "remount,ro", Path);
        Assert.True(code == 0, $"remount,ro failed (exit {code}): {output}");
    }

    /// <summary>
    /// Writes zeros into <paramref name="fileName"/> (in the mount) until the device is full, to its last byte. Returns
    /// the file's path: deleting it frees the space again.
    /// </summary>
    public string Fill(string fileName)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var size in new[] { 64 * 1024, 1 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    stream.Write(block);
                }
            }
            catch (IOException)
            {
                // ENOSPC: full for blocks of this size; a smaller block may still fit.
            }
        }

        return path;
    }

    public void Dispose()
    {
        if (Run("umount", Path).Code != 0)
        {
            Run("umount", "-l", Path);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
