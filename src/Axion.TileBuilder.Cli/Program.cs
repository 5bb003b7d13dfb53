using Axion.TileBuilder.Cli;

// Thin entry point: everything lives in AxionCli so tests can run the command line in-process.
// First of all, before threads have made their own malloc arenas: cap them (docs/benchmarks.md, memory).
Axion.TileBuilder.Gdal.NativeHeap.LimitArenas();
return await AxionCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
