namespace Axion.TileBuilder.Pipeline.Reporting;

/// <summary>What <see cref="ReportGenerator.Generate"/> wrote.</summary>
/// <param name="Path">Full path of <c>report.html</c>, or its <c>az://</c> / <c>s3://</c> URL in a store.</param>
/// <param name="Report">The data shown.</param>
/// <param name="Bytes">Size of the page, bytes.</param>
public sealed record ReportResult(string Path, BatchReport Report, long Bytes);
