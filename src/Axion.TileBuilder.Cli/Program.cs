using Axion.TileBuilder.Cli;

// Thin entry point: everything lives in AxionCli so tests can run the command line in-process.
return await AxionCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
