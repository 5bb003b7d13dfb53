using Axion.TileBuilder.Errors;
using Axion.TileBuilder.Pipeline.Batch;

namespace Axion.TileBuilder.Pipeline.Tests.Batch;

public sealed class RowFailureMapperTests
{
    [Fact]
    public void An_axion_exception_keeps_its_kind_and_reason()
    {
        var failure = RowFailureMapper.Map(new RowTimeoutException("row R1 ran past its time limit"));

        Assert.Equal(new RowFailure(FailureKind.Transient, "row_timeout", "row R1 ran past its time limit"), failure);
    }

    [Fact]
    public void Io_and_http_errors_map_to_environment_and_transient()
    {
        Assert.Equal(new RowFailure(FailureKind.Environment, "io_error", "No space left on device"), RowFailureMapper.Map(new IOException("No space left on device")));
        Assert.Equal(new RowFailure(FailureKind.Transient, "http_error", "reset"), RowFailureMapper.Map(new HttpRequestException("reset")));
        Assert.True(RowFailureMapper.IsTransient(new HttpRequestException("reset")));
    }

    [Fact]
    public void Any_other_exception_is_an_internal_failure_naming_its_type()
    {
        var failure = RowFailureMapper.Map(new KeyNotFoundException("band B99"));

        Assert.Equal(FailureKind.Internal, failure.Kind);
        Assert.Equal("internal", failure.Reason);
        Assert.Contains("KeyNotFoundException: band B99", failure.Message, StringComparison.Ordinal);
        Assert.False(RowFailureMapper.IsTransient(new KeyNotFoundException()));
    }
}
