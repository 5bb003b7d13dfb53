using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.LocalCatalog.World;

/// <summary>A <see cref="WorldSpec"/> that cannot be generated (bad location, scene size, AOI).</summary>
public sealed class InvalidWorldSpecException : AxionException
{
    public InvalidWorldSpecException()
        : this("The world spec is invalid.")
    {
    }

    public InvalidWorldSpecException(string message)
        : base(FailureKind.BadInput, message)
    {
    }

    public InvalidWorldSpecException(string message, Exception? innerException)
        : base(FailureKind.BadInput, message, innerException)
    {
    }

    /// <inheritdoc/>
    public override string Reason => "bad_world_spec";
}
