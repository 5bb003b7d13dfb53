using Axion.TileBuilder.Testing.Python;

namespace Axion.TileBuilder.Output.Tests.Python;

public class PythonNumpyTests
{
    [Fact]
    public void Finds_an_interpreter_that_imports_numpy()
    {
        Assert.True(File.Exists(PythonNumpy.Interpreter), PythonNumpy.Interpreter);
        Assert.Matches(@"^\d+\.\d+", PythonNumpy.NumpyVersion);
    }

    [Fact]
    public void Run_passes_arguments_and_returns_exit_code_and_streams()
    {
        var (exitCode, stdout, stderr) = PythonNumpy.Run(
            "import sys, numpy\nprint('|'.join(sys.argv[1:]))\nprint(int(numpy.arange(5).sum()))\nsys.stderr.write('warn\\n')\nsys.exit(3)",
            "a b", "Zürich");
        Assert.Equal(3, exitCode);
        Assert.Equal("a b|Zürich\n10\n", stdout.Replace("\r\n", "\n"));
        Assert.Equal("warn\n", stderr.Replace("\r\n", "\n"));
    }

    [Fact]
    public void RunChecked_throws_with_stderr_on_failure()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => PythonNumpy.RunChecked("raise SystemExit('boom-42')"));
        Assert.Contains("boom-42", ex.Message);
    }
}
