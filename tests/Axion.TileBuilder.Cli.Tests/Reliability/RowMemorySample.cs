namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>One sample of a running batch: rows finished (done or failed) and the process's resident memory, kB.</summary>
internal readonly record struct RowMemorySample(int RowsFinished, long RssKb);
