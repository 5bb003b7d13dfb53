namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// The memory test alone: xUnit runs this collection after every other collection of the assembly has
/// finished and runs nothing beside it, so no other test's processes, GC or page cache move the child's
/// resident memory while it is sampled. It has its own <see cref="ReliabilityFixture"/> (world, server, reference run).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryBoundCollection : ICollectionFixture<ReliabilityFixture>
{
    public const string Name = "MemoryBound (runs alone)";
}
