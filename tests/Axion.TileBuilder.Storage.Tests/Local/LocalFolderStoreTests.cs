using Axion.TileBuilder.Storage.Local;
using Axion.TileBuilder.Storage.Locations;
using Axion.TileBuilder.Storage.Tests.Contract;

namespace Axion.TileBuilder.Storage.Tests.Local;

public sealed class LocalFolderStoreTests : ObjectStoreContract
{
    private readonly string _root;

    public LocalFolderStoreTests() => _root = Path.Combine(Scratch, "out");

    protected override bool ListsInPages => false;

    protected override IObjectStore CreateStore(ObjectStoreOptions options)
        => new LocalFolderStore(OutputLocation.ForLocalFolder(_root), options);

    [Fact]
    public async Task Objects_are_plain_files_in_the_local_layout_and_temporary_files_are_not_listed()
    {
        using var store = CreateStore(Fast);
        await store.UploadAsync("quicklooks/a.png", WriteScratch("q.png", RandomBytes(64, seed: 9)));
        await File.WriteAllBytesAsync(Path.Combine(_root, "quicklooks", ".b.png.tmp-0123456789ab"), [1, 2, 3]);

        Assert.True(File.Exists(Path.Combine(_root, "quicklooks", "a.png")));
        Assert.Equal(["quicklooks/a.png"], await Names(store, "quicklooks/"));
    }

    [Fact]
    public async Task A_failed_verification_leaves_no_temporary_file_behind()
    {
        var options = Fast with { MaxAttempts = 1, UploadContentFilter = (stream, _) => new CorruptingStream(stream, 0) };
        using var store = CreateStore(options);

        await Assert.ThrowsAsync<ObjectStoreException>(() => store.UploadAsync("tile_g_0_0.npz", WriteScratch("g.npz", RandomBytes(100, seed: 10))));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }
}
