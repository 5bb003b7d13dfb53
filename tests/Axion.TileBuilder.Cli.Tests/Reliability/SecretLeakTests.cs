using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Axion.TileBuilder.LocalCatalog.Server;
using Axion.TileBuilder.Output.Npz;
using Microsoft.Data.Sqlite;

namespace Axion.TileBuilder.Cli.Tests.Reliability;

/// <summary>
/// Everything the faulted, verbose, subscription-keyed batch wrote (stdout, stderr, the JSON log file,
/// every file of the out dir, every text column of journal.db, every tile's meta) is free of SAS
/// signatures, SAS expiry/object-id values and the subscription key.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed partial class SecretLeakTests(ReliabilityFixture fixture)
{
    [Fact]
    public async Task Nothing_written_by_a_verbose_faulted_batch_contains_a_token_or_the_subscription_key()
    {
        var run = await fixture.FaultedRunAsync();
        Assert.True(run.Stats.SubscriptionKeyRequests > 0, "the child never sent the subscription key: the scan would prove nothing");

        // Learn the token format from the server that served the batch.
        var sample = await FetchTokenAsync(run.Server);
        var parameters = sample.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);
        Assert.True(parameters.ContainsKey("sig") && parameters.ContainsKey("se") && parameters.ContainsKey("skoid"), "token format: " + sample);
        string[] literals =
        [
            ReliabilityFixture.SubscriptionKey,
            parameters["skoid"], parameters["sktid"], parameters["sig"], Uri.EscapeDataString(parameters["sig"]),
        ];

        var texts = Collect(run);
        Assert.Contains(texts, t => t.Text.Contains("sig=REDACTED", StringComparison.Ordinal)); // signed URLs were logged, redacted
        var hits = new List<string>();
        foreach (var (source, raw, compressed) in texts)
        {
            var text = Normalize(raw);
            if (!compressed)
            {
                foreach (Match m in UnredactedSasParameter().Matches(text))
                {
                    hits.Add($"{source}: ...{Around(text, m.Index)}...");
                }
            }

            foreach (var secret in literals)
            {
                var at = text.IndexOf(secret, StringComparison.Ordinal);
                if (at >= 0)
                {
                    hits.Add($"{source}: literal secret at {at}: ...{Around(text, at)}...");
                }
            }
        }

        Assert.True(hits.Count == 0, $"{hits.Count} secret(s) found:\n" + string.Join('\n', hits.Take(20)));
    }

    /// <summary>
    /// Every text the run wrote, with where it came from. Compressed bytes (the DEFLATE streams of the tiles)
    /// are only searched for the literal secrets: short patterns such as <c>se=</c> occur in them by chance.
    /// </summary>
    private static List<(string Source, string Text, bool Compressed)> Collect(FaultedRun run)
    {
        var texts = new List<(string, string, bool)> { ("stdout+stderr", run.Output, false) };
        Assert.True(File.Exists(run.LogFile), "--log-file was not written");
        texts.Add(("log file", File.ReadAllText(run.LogFile), false));
        Assert.True(new FileInfo(run.LogFile).Length > 10_000, "the verbose log is suspiciously small");

        foreach (var file in Directory.GetFiles(run.OutDir))
        {
            // Raw bytes as Latin-1: every byte maps to one char, so ASCII secrets are found anywhere (journal pages included).
            var name = Path.GetFileName(file);
            texts.Add((name + " (bytes)", Encoding.Latin1.GetString(File.ReadAllBytes(file)), name.EndsWith(".npz", StringComparison.Ordinal)));
        }

        var tiles = Directory.GetFiles(run.OutDir, "tile_*.npz");
        Assert.NotEmpty(tiles);
        foreach (var tile in tiles)
        {
            using var npz = NpzReader.Open(tile);
            texts.Add((Path.GetFileName(tile) + " meta", npz.Get("meta").AsString(), false));
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(run.OutDir, "journal.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        var columns = 0;
        foreach (var table in new[] { "run", "rows" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string value)
                    {
                        texts.Add(($"journal {table}.{reader.GetName(i)}", value, false));
                        columns++;
                    }
                }
            }
        }

        Assert.True(columns > 20, $"only {columns} text values read from the journal");
        return texts;
    }

    private static async Task<string> FetchTokenAsync(LocalCatalogServer server)
    {
        using var http = new HttpClient();
        var url = new Uri(server.PlanetaryComputerTokenUrl.AbsoluteUri.TrimEnd('/') + "/sentinel-2-l2a");
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Undoes the escapes a secret could hide behind: JSON <c>\u0026</c>/<c>\u003D</c> and URL <c>%26</c>/<c>%3D</c>.</summary>
    private static string Normalize(string text) => text
        .Replace("\\u0026", "&", StringComparison.OrdinalIgnoreCase)
        .Replace("\\u003D", "=", StringComparison.OrdinalIgnoreCase)
        .Replace("%26", "&", StringComparison.OrdinalIgnoreCase)
        .Replace("%3D", "=", StringComparison.OrdinalIgnoreCase);

    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 60);
        return text[start..Math.Min(text.Length, index + 80)].Replace('\n', ' ');
    }

    // sig=, se=, skoid= (as a parameter, not inside a longer name) followed by anything but the redaction placeholder.
    [GeneratedRegex(@"(?<![A-Za-z0-9_\-])(sig|se|skoid|sktid)=(?!REDACTED)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnredactedSasParameter();
}
