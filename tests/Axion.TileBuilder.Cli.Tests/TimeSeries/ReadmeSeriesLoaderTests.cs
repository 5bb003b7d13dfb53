using System.Text.RegularExpressions;
using Axion.TileBuilder.Cli.Tests.Support;
using Axion.TileBuilder.Testing.Python;
using Axion.TileBuilder.Testing.Repository;

namespace Axion.TileBuilder.Cli.Tests.TimeSeries;

/// <summary>
/// The README's PyTorch loader of a time series (<c>class Series</c>), run as written on a real four-timestep build with
/// numpy (torch stands in as a stub: <c>Dataset</c> is a plain base class and <c>from_numpy</c> returns the array), so the
/// documented code stays true to the files.
/// </summary>
[Collection(TimeSeriesCollection.Name)]
public sealed partial class ReadmeSeriesLoaderTests(TimeSeriesBatchFixture batch)
{
    private const string TorchStub = """
        import sys, types
        torch = types.ModuleType("torch")
        torch.utils = types.SimpleNamespace(data=types.SimpleNamespace(Dataset=object))
        torch.from_numpy = lambda a: a
        sys.modules["torch"] = torch

        """;

    private const string Check = """

        import numpy as np
        ds = Series(sys.argv[1], timesteps=4)
        x = ds[0]
        first = sorted(ds.items[0].items())
        d = np.load(first[2][1])
        same = np.array_equal(np.nan_to_num(d["s2_b8"]), x[2, 5])
        print(len(ds), x.shape, x.dtype, same)
        """;

    [Fact]
    public void The_readme_loader_stacks_the_timesteps_of_a_place_into_T_C_256_256()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var loader = SeriesBlock().Match(readme);
        Assert.True(loader.Success, "README.md has no python block with class Series");

        var (exit, stdout, stderr) = PythonNumpy.Run(TorchStub + loader.Groups[1].Value + Check, batch.Pc.OutDir);

        Assert.True(exit == 0, stderr);
        // Four tile positions of the seasons row have all four timesteps; the gap row lacks one and is left out.
        Assert.Equal("4 (4, 6, 256, 256) float32 True", stdout.Trim());
    }

    [GeneratedRegex("```python\\n(import collections[^`]*?class Series[^`]*?)```", RegexOptions.CultureInvariant)]
    private static partial Regex SeriesBlock();
}
