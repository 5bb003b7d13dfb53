using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.LocalCatalog.Server.Http;

namespace Axion.TileBuilder.LocalCatalog.Tests.Server.Http;

/// <summary>
/// The faults a category's n-th request meets depend on the seed and n only: a client that interleaves its asset, STAC
/// and token requests differently (another machine's timing) meets the same token and STAC faults.
/// </summary>
public sealed class FaultInjectorTests
{
    private static readonly FaultOptions Faults = new() { Error503Rate = 0.10, Error429Rate = 0.05, TruncateRate = 0.05, DropConnectionRate = 0.05, Seed = 63 };

    [Fact]
    public void Each_categorys_faults_follow_from_the_seed_whatever_the_interleaving()
    {
        var alone = new FaultInjector(Faults);
        var tokensAlone = Enumerable.Range(0, 20).Select(_ => alone.Decide(FaultTargets.Token).Decision).ToList();

        var mixed = new FaultInjector(Faults);
        var tokensMixed = new List<FaultDecision>();
        for (var i = 0; i < 20; i++)
        {
            for (var a = 0; a < i % 7; a++)
            {
                mixed.Decide(FaultTargets.Assets);
                mixed.Decide(FaultTargets.Stac);
            }

            tokensMixed.Add(mixed.Decide(FaultTargets.Token).Decision);
        }

        Assert.Equal(tokensAlone, tokensMixed);
        Assert.Equal(FaultDecision.Error503, tokensAlone[0]); // what the reliability fixture's seed relies on
        Assert.Contains(tokensAlone, d => d != FaultDecision.None);
    }

    [Fact]
    public void Replacing_the_options_starts_every_category_again_from_its_seed()
    {
        var injector = new FaultInjector(Faults);
        var first = Enumerable.Range(0, 10).Select(_ => injector.Decide(FaultTargets.Stac).Decision).ToList();

        injector.Options = Faults with { };
        var again = Enumerable.Range(0, 10).Select(_ => injector.Decide(FaultTargets.Stac).Decision).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(FaultDecision.None, first[1]);
    }
}
