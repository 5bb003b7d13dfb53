using System.Security.Cryptography;
using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IObjectStore"/> must do, run against each implementation (a local folder, Azurite,
/// s3rver): round trips byte for byte, idempotent and verified uploads, paged streamed listings, missing objects.
/// </summary>
public abstract class ObjectStoreContract : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "axion-store-test-" + Guid.NewGuid().ToString("N")[..12]);

    protected ObjectStoreContract() => Directory.CreateDirectory(_scratch);

    /// <summary>A temporary folder of the test, deleted at the end.</summary>
    protected string Scratch => _scratch;

    /// <summary>Fast retries so failure tests do not wait.</summary>
    protected static ObjectStoreOptions Fast { get; } = new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>True when the store lists page by page through the service (remote stores).</summary>
    protected virtual bool ListsInPages => true;

    /// <summary>A store over a fresh, empty location.</summary>
    protected abstract IObjectStore CreateStore(ObjectStoreOptions options);

    [Fact]
    public async Task Upload_then_download_round_trips_byte_for_byte()
    {
        using var store = CreateStore(Fast);
        var bytes = RandomBytes(300_000, seed: 1);
        var file = WriteScratch("a.npz", bytes);

        var result = await store.UploadAsync("dir/sub/tile_a_0_0.npz", file);

        Assert.Equal(UploadOutcome.Uploaded, result.Outcome);
        Assert.Equal(bytes.Length, result.Length);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), result.Md5Hex);
        var head = await store.HeadAsync("dir/sub/tile_a_0_0.npz");
        Assert.NotNull(head);
        Assert.Equal(bytes.Length, head.Length);
        Assert.Equal(result.Md5Hex, head.Md5Hex);

        var target = Path.Combine(_scratch, "down", "nested", "copy.npz");
        Assert.True(await store.DownloadAsync("dir/sub/tile_a_0_0.npz", target));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(target)!, ".*"));
    }

    [Fact]
    public async Task Uploading_the_same_bytes_again_sends_nothing_and_keeps_one_object()
    {
        using var store = CreateStore(Fast);
        var file = WriteScratch("b.npz", RandomBytes(10_000, seed: 2));
        await store.UploadAsync("tile_b_0_0.npz", file);

        var again = await store.UploadAsync("tile_b_0_0.npz", file);

        Assert.Equal(UploadOutcome.AlreadyPresent, again.Outcome);
        Assert.Equal(1, again.Attempts);
        Assert.Equal(["tile_b_0_0.npz"], await Names(store, ""));
    }

    [Fact]
    public async Task Uploading_other_bytes_under_the_same_name_replaces_them()
    {
        using var store = CreateStore(Fast);
        await store.UploadAsync("tile_c_0_0.npz", WriteScratch("c1.npz", RandomBytes(5_000, seed: 3)));
        var second = RandomBytes(7_000, seed: 4);

        var result = await store.UploadAsync("tile_c_0_0.npz", WriteScratch("c2.npz", second));

        Assert.Equal(UploadOutcome.Uploaded, result.Outcome);
        var target = Path.Combine(_scratch, "c.out");
        Assert.True(await store.DownloadAsync("tile_c_0_0.npz", target));
        Assert.Equal(second, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task A_corruption_in_flight_is_detected_and_the_retry_stores_the_file()
    {
        var options = Fast with { UploadContentFilter = (stream, attempt) => attempt == 1 ? new CorruptingStream(stream, 1234) : stream };
        using var store = CreateStore(options);
        var bytes = RandomBytes(50_000, seed: 5);

        var result = await store.UploadAsync("tile_d_0_0.npz", WriteScratch("d.npz", bytes));

        Assert.Equal(2, result.Attempts);
        var target = Path.Combine(_scratch, "d.out");
        Assert.True(await store.DownloadAsync("tile_d_0_0.npz", target));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task A_corruption_on_every_attempt_fails_as_a_mismatch_and_publishes_nothing()
    {
        var options = Fast with { MaxAttempts = 2, UploadContentFilter = (stream, _) => new CorruptingStream(stream, 10) };
        using var store = CreateStore(options);

        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.UploadAsync("tile_e_0_0.npz", WriteScratch("e.npz", RandomBytes(20_000, seed: 6))));

        Assert.Equal(ObjectStoreException.Mismatch, error.Reason);
        Assert.Equal(FailureKind.Transient, error.Kind);
        Assert.Contains("tile_e_0_0.npz", error.Message);
        Assert.Contains("2 attempts", error.Message);
        Assert.Null(await store.HeadAsync("tile_e_0_0.npz"));
    }

    [Fact]
    public async Task Listing_a_prefix_streams_every_name_over_several_pages()
    {
        using var store = CreateStore(Fast with { ListPageSize = 2 });
        var file = WriteScratch("p.npz", RandomBytes(100, seed: 7));
        string[] expected = ["pages/p0", "pages/p1", "pages/p2", "pages/p3", "pages/sub/p4"];
        foreach (var name in expected.Concat(["pagesque", "other/p5"]))
        {
            await store.UploadAsync(name, file);
        }

        var requestsAtFirstName = -1;
        var names = new List<string>();
        await foreach (var item in store.ListAsync("pages/"))
        {
            if (names.Count == 0)
            {
                requestsAtFirstName = ((ObjectStore)store).ListPageRequests;
            }

            names.Add(item.Name);
            Assert.Equal(100, item.Length);
        }

        Assert.Equal(expected, names.Order(StringComparer.Ordinal));
        if (ListsInPages)
        {
            Assert.Equal(1, requestsAtFirstName);
            Assert.Equal(3, ((ObjectStore)store).ListPageRequests);
        }
    }

    [Fact]
    public async Task Downloading_a_missing_object_returns_false_and_writes_nothing()
    {
        using var store = CreateStore(Fast);
        var target = Path.Combine(_scratch, "missing", "x.npz");

        Assert.False(await store.DownloadAsync("_journal/shard-0-of-3.db", target));

        Assert.False(File.Exists(target));
        Assert.Null(await store.HeadAsync("_journal/shard-0-of-3.db"));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_is_quiet_when_absent()
    {
        using var store = CreateStore(Fast);
        await store.UploadAsync("tile_f_0_0.npz", WriteScratch("f.npz", RandomBytes(1_000, seed: 8)));

        await store.DeleteAsync("tile_f_0_0.npz");
        await store.DeleteAsync("tile_f_0_0.npz");
        await store.DeleteAsync("no/such/folder/tile_f_0_0.npz");

        Assert.Null(await store.HeadAsync("tile_f_0_0.npz"));
        Assert.Empty(await Names(store, ""));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/absolute")]
    [InlineData("a//b")]
    [InlineData("dir/")]
    [InlineData("back\\slash")]
    public async Task Names_that_could_escape_the_location_are_refused(string name)
    {
        using var store = CreateStore(Fast);

        await Assert.ThrowsAsync<ArgumentException>(() => store.HeadAsync(name));
    }

    public void Dispose()
    {
        Directory.Delete(_scratch, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static async Task<List<string>> Names(IObjectStore store, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in store.ListAsync(prefix))
        {
            names.Add(item.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    protected string WriteScratch(string name, byte[] bytes)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    protected static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
