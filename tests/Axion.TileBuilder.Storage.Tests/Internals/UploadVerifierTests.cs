using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.Internals;

namespace Axion.TileBuilder.Storage.Tests.Internals;

public class UploadVerifierTests
{
    private static readonly FileDigest Local = new(3, Convert.FromHexString("900150983cd24fb0d6963f7d28e17f72")); // MD5("abc")

    [Fact]
    public void Same_length_and_md5_pass() => UploadVerifier.Verify("a", Local, new StoredObject("a", 3, "900150983CD24FB0D6963F7D28E17F72"));

    [Fact]
    public void An_unknown_md5_is_checked_by_length_only() => UploadVerifier.Verify("a", Local, new StoredObject("a", 3, null));

    [Theory]
    [InlineData(4, "900150983cd24fb0d6963f7d28e17f72", "'a' is 4 bytes in the store but 3 bytes locally")]
    [InlineData(3, "00000000000000000000000000000000", "'a' has MD5 00000000000000000000000000000000 in the store but 900150983cd24fb0d6963f7d28e17f72 locally")]
    public void A_difference_is_a_transient_mismatch(long length, string md5, string message)
    {
        var error = Assert.Throws<ObjectStoreException>(() => UploadVerifier.Verify("a", Local, new StoredObject("a", length, md5)));

        Assert.Equal(ObjectStoreException.Mismatch, error.Reason);
        Assert.Equal(FailureKind.Transient, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_missing_object_is_a_mismatch()
    {
        var error = Assert.Throws<ObjectStoreException>(() => UploadVerifier.Verify("a", Local, null));

        Assert.Contains("missing right after it was written", error.Message);
    }

    [Fact]
    public void Same_content_needs_a_known_md5()
    {
        Assert.True(UploadVerifier.SameContent(Local, new StoredObject("a", 3, "900150983cd24fb0d6963f7d28e17f72")));
        Assert.False(UploadVerifier.SameContent(Local, new StoredObject("a", 3, null)));
        Assert.False(UploadVerifier.SameContent(Local, null));
    }
}
