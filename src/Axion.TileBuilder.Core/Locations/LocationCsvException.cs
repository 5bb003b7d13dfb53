using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Locations;

/// <summary>
/// The locations file is rejected as a whole (empty, no header, missing column, unsafe or duplicate
/// ids, unterminated quote). The message names the file, the line(s) and the field.
/// </summary>
public sealed class LocationCsvException : AxionException
{
    public LocationCsvException()
        : this("The locations file is invalid.")
    {
    }

    public LocationCsvException(string message)
        : this(message, string.Empty, [])
    {
    }

    public LocationCsvException(string message, Exception? innerException)
        : base(FailureKind.BadInput, message, innerException)
    {
        SourceName = string.Empty;
        Lines = [];
    }

    public LocationCsvException(string message, string sourceName, IReadOnlyList<int> lines)
        : base(FailureKind.BadInput, message)
    {
        SourceName = sourceName;
        Lines = lines;
    }

    /// <summary>The file name used in the message.</summary>
    public string SourceName { get; }

    /// <summary>The offending 1-based lines (at most 10 listed), empty for whole-file problems such as an empty file.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <inheritdoc />
    public override string Reason => "bad_input";
}
