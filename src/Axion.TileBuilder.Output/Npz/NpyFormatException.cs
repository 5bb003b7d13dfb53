using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Output.Npz;

/// <summary>
/// A <c>.npy</c> or <c>.npz</c> file is not in the subset of the format axion-tiles reads
/// (bad magic, Fortran order, big-endian, object/pickled arrays, truncated data, ...).
/// </summary>
public sealed class NpyFormatException : AxionException
{
    public NpyFormatException()
        : this("Not a supported .npy array.")
    {
    }

    public NpyFormatException(string message)
        : base(FailureKind.Permanent, message)
    {
    }

    public NpyFormatException(string message, Exception? innerException)
        : base(FailureKind.Permanent, message, innerException)
    {
    }

    /// <inheritdoc />
    public override string Reason => "npy_format";
}
