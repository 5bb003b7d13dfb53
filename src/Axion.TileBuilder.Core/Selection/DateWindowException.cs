using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Selection;

/// <summary>A location's date window is empty (start after end). Kind <see cref="FailureKind.BadInput"/>.</summary>
public sealed class DateWindowException : AxionException
{
    public DateWindowException()
        : this("The date window is invalid.")
    {
    }

    public DateWindowException(string message)
        : base(FailureKind.BadInput, message)
    {
    }

    public DateWindowException(string message, Exception? innerException)
        : base(FailureKind.BadInput, message, innerException)
    {
    }
}
