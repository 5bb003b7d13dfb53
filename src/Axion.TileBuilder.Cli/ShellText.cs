namespace Axion.TileBuilder.Cli;

/// <summary>Command lines the tool prints for the user to paste into a POSIX shell.</summary>
internal static class ShellText
{
    private const string SafePunctuation = "/._-+=:@,%";

    /// <summary>An argument as a shell takes it: as is when it holds only safe characters, else in single quotes.</summary>
    public static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || SafePunctuation.Contains(c, StringComparison.Ordinal))
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The arguments quoted and joined by spaces.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}
