using Axion.TileBuilder.Stac.Signing;

namespace Axion.TileBuilder.Pipeline.Tests.Support;

/// <summary>
/// A fake SAS signer: appends <c>?st=...&amp;sig=secret-N</c> where N is the token generation, which
/// <see cref="Invalidate"/> advances. Counts its calls.
/// </summary>
internal sealed class CountingSigner : IHrefSigner
{
    private int _generation = 1;
    private int _signCalls;
    private int _invalidateCalls;

    public int SignCalls => Volatile.Read(ref _signCalls);

    public int InvalidateCalls => Volatile.Read(ref _invalidateCalls);

    public List<string> InvalidatedCollections { get; } = [];

    /// <summary>The signature value of generation <paramref name="generation"/>.</summary>
    public static string Signature(int generation) => $"secret-{generation}";

    public ValueTask<string> SignAsync(string href, string collection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _signCalls);
        var generation = Volatile.Read(ref _generation);
        return ValueTask.FromResult($"{href}?st=2024-01-01T00%3A00%3A00Z&se=2024-01-02T00%3A00%3A00Z&sig={Signature(generation)}");
    }

    /// <summary>The hrefs whose reads were rejected, as passed to <see cref="Invalidate(string, string)"/>.</summary>
    public List<string> RejectedHrefs { get; } = [];

    public void Invalidate(string collection, string rejectedHref)
    {
        lock (RejectedHrefs)
        {
            RejectedHrefs.Add(rejectedHref);
        }

        Invalidate(collection);
    }

    public void Invalidate(string collection)
    {
        Interlocked.Increment(ref _invalidateCalls);
        lock (InvalidatedCollections)
        {
            InvalidatedCollections.Add(collection);
        }

        Interlocked.Increment(ref _generation);
    }
}
