using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Storage.Locations;

namespace Axion.TileBuilder.Storage.Tests.Locations;

public class OutputLocationTests
{
    [Theory]
    [InlineData("az://tiles", OutputLocationKind.AzureBlob, "tiles", "", "az://tiles")]
    [InlineData("az://tiles/", OutputLocationKind.AzureBlob, "tiles", "", "az://tiles")]
    [InlineData("az://tiles/run1", OutputLocationKind.AzureBlob, "tiles", "run1/", "az://tiles/run1")]
    [InlineData("AZ://tiles/2026/run-1/", OutputLocationKind.AzureBlob, "tiles", "2026/run-1/", "az://tiles/2026/run-1")]
    [InlineData("s3://my.bucket-1/a/b", OutputLocationKind.S3, "my.bucket-1", "a/b/", "s3://my.bucket-1/a/b")]
    [InlineData("s3://bkt", OutputLocationKind.S3, "bkt", "", "s3://bkt")]
    public void Remote_locations_give_container_and_prefix(string value, OutputLocationKind kind, string container, string prefix, string shown)
    {
        var location = OutputLocation.Parse(value);

        Assert.Equal(kind, location.Kind);
        Assert.Equal(container, location.Container);
        Assert.Equal(prefix, location.Prefix);
        Assert.True(location.IsRemote);
        Assert.Equal(shown, location.ToString());
        Assert.Equal(location, OutputLocation.Parse(shown));
    }

    [Theory]
    [InlineData("data/tiles")]
    [InlineData("/tmp/out")]
    [InlineData("./demo-out")]
    [InlineData("weird:name")]
    public void Anything_that_is_not_a_url_is_a_local_folder(string value)
    {
        var location = OutputLocation.Parse(value);

        Assert.Equal(OutputLocationKind.LocalFolder, location.Kind);
        Assert.False(location.IsRemote);
        Assert.Equal(Path.GetFullPath(value), location.LocalPath);
        Assert.Equal(string.Empty, location.Prefix);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("gs://bucket/prefix", "scheme 'gs' is not supported; use a local folder, az://CONTAINER/PREFIX or s3://BUCKET/PREFIX")]
    [InlineData("https://acct.blob.core.windows.net/tiles", "scheme 'https' is not supported")]
    [InlineData("az://", "container name '' must be 3 to 63 characters long")]
    [InlineData("az://ab/x", "container name 'ab' must be 3 to 63 characters long")]
    [InlineData("az://Tiles/x", "container name 'Tiles' may only contain lower-case letters, digits and '-'")]
    [InlineData("az://ti--les/x", "must start and end with a letter or digit and not contain '--'")]
    [InlineData("az://my.tiles/x", "may only contain lower-case letters, digits and '-'")]
    [InlineData("s3://my_bucket/x", "bucket name 'my_bucket' may only contain lower-case letters, digits, '.' and '-'")]
    [InlineData("s3://-bucket/x", "bucket name '-bucket' must start and end with a letter or digit")]
    [InlineData("s3://bucket//x", "the prefix has an empty segment")]
    [InlineData("s3://bucket/a/../b", "the prefix has a '..' segment")]
    [InlineData("az://tiles/a\\b", "it contains a backslash")]
    [InlineData("az://tiles/run\n1", "it contains a control character")]
    public void Malformed_values_are_bad_input_naming_the_value(string value, string problem)
    {
        var error = Assert.Throws<AxionException>(() => OutputLocation.Parse(value));

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Equal("bad_input", error.Reason);
        Assert.StartsWith("output location '", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_pasted_sas_url_is_refused_without_showing_the_token()
    {
        var error = Assert.Throws<AxionException>(() => OutputLocation.Parse("az://tiles/run?sv=2024-05-04&sig=c2VjcmV0%3D"));

        Assert.Contains("must not carry a query string", error.Message);
        Assert.Contains("AZURE_STORAGE_SAS_TOKEN", error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
    }

    [Fact]
    public void User_information_is_refused_without_being_shown()
    {
        var error = Assert.Throws<AxionException>(() => OutputLocation.Parse("s3://AKIAEXAMPLE:topsecretkey@bucket/x"));

        Assert.Contains("must not carry user information", error.Message);
        Assert.DoesNotContain("topsecretkey", error.Message);
    }

    [Fact]
    public void A_prefix_longer_than_the_limit_is_refused()
    {
        var error = Assert.Throws<AxionException>(() => OutputLocation.Parse("s3://bucket/" + new string('p', OutputLocation.MaxPrefixLength)));

        Assert.Contains($"longer than {OutputLocation.MaxPrefixLength} characters", error.Message);
    }
}
