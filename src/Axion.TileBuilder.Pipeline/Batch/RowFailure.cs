using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Pipeline.Batch;

/// <summary>How a row failed, as the journal and the plan record it.</summary>
/// <param name="Kind">The category (decides retrying and exit codes).</param>
/// <param name="Reason">The finer reason, e.g. <c>http_503</c>, <c>io_error</c>, <c>row_timeout</c>, <c>internal</c>.</param>
/// <param name="Message">One line for the user, secrets redacted.</param>
public sealed record RowFailure(FailureKind Kind, string Reason, string Message);
