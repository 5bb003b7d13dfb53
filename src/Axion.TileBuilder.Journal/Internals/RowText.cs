namespace Axion.TileBuilder.Journal.Internals;

/// <summary>Normalises the free text stored with a row.</summary>
internal static class RowText
{
    /// <summary>Longest message kept (characters); longer ones are cut and end with an ellipsis.</summary>
    public const int MaxMessageLength = 4000;

    /// <summary>Longest reason kept (characters).</summary>
    public const int MaxReasonLength = 200;

    public static string Message(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "";
        }

        var trimmed = message.Trim();
        return trimmed.Length <= MaxMessageLength ? trimmed : string.Concat(trimmed.AsSpan(0, MaxMessageLength - 3), "...");
    }

    public static string Reason(string? reason, string fallback)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return fallback;
        }

        var trimmed = reason.Trim();
        return trimmed.Length <= MaxReasonLength ? trimmed : trimmed[..MaxReasonLength];
    }
}
