using Axion.TileBuilder.Errors;

namespace Axion.TileBuilder.Journal.Internals;

/// <summary>
/// The text each <see cref="FailureKind"/> is stored as: the same words as
/// <see cref="AxionException.Reason"/>'s defaults (<c>no_scene</c> for <see cref="FailureKind.NoData"/>).
/// </summary>
internal static class FailureKindNames
{
    public const string Transient = "transient";
    public const string Permanent = "permanent";
    public const string BadInput = "bad_input";
    public const string NoScene = "no_scene";
    public const string Environment = "environment";
    public const string Internal = "internal";

    public static string ToText(FailureKind kind) => kind switch
    {
        FailureKind.Transient => Transient,
        FailureKind.Permanent => Permanent,
        FailureKind.BadInput => BadInput,
        FailureKind.NoData => NoScene,
        FailureKind.Environment => Environment,
        FailureKind.Internal => Internal,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown failure kind"),
    };

    public static bool TryParse(string? text, out FailureKind kind)
    {
        switch (text)
        {
            case Transient: kind = FailureKind.Transient; return true;
            case Permanent: kind = FailureKind.Permanent; return true;
            case BadInput: kind = FailureKind.BadInput; return true;
            case NoScene: kind = FailureKind.NoData; return true;
            case Environment: kind = FailureKind.Environment; return true;
            case Internal: kind = FailureKind.Internal; return true;
            default: kind = default; return false;
        }
    }
}
