using System.Globalization;

namespace Axion.TileBuilder.Cli.Commands.Status;

/// <summary>Writes each status: indented JSON or text once; with refreshes, in place on a terminal, else one block (or JSON line) each.</summary>
internal sealed class StatusView(TextWriter output, bool json, bool terminal)
{
    /// <summary>ANSI: cursor home and clear the screen, so a terminal shows each refresh in place.</summary>
    private const string ClearScreen = "\u001b[H\u001b[2J";

    private int _shown;

    public void Show(BatchStatus status, bool refresh) =>
        Show(() => BatchStatusJson.Write(status, indented: !refresh), () => BatchStatusText.Lines(status), status.ReadAt, refresh);

    public void Show(ShardedBatchStatus status, bool refresh) =>
        Show(() => BatchStatusJson.Write(status, indented: !refresh), () => ShardedBatchStatusText.Lines(status), status.Whole.ReadAt, refresh);

    private void Show(Func<string> jsonDocument, Func<IReadOnlyList<string>> textLines, DateTimeOffset readAt, bool refresh)
    {
        if (json)
        {
            output.WriteLine(jsonDocument());
        }
        else
        {
            if (refresh && terminal)
            {
                output.Write(ClearScreen);
            }
            else if (_shown > 0)
            {
                output.WriteLine();
            }

            if (refresh)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"status at {readAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
            }

            foreach (var line in textLines())
            {
                output.WriteLine(line);
            }
        }

        output.Flush();
        _shown++;
    }
}
