using System.Globalization;
using System.Text.RegularExpressions;

namespace Axion.TileBuilder.Cli.Tests.Deploy;

/// <summary>
/// The parts of <c>deploy/kubernetes/indexed-job.yaml</c> the deploy tests check, read line by line (the file keeps to
/// one key per line, block lists and two-space indents; no YAML library is needed for that).
/// </summary>
internal sealed partial class JobManifest
{
    private JobManifest(string[] lines) => Lines = lines;

    /// <summary>Every line of the file, as written.</summary>
    public string[] Lines { get; }

    /// <summary>The container's <c>args</c>: unquoted, comments dropped.</summary>
    public List<string> Args => ListUnder("args:");

    /// <summary>Every <c>env</c> entry: its name, and the Secret name and key it comes from (null for a literal <c>value</c>).</summary>
    public List<(string Name, string? Secret, string? Key)> Env
    {
        get
        {
            var start = Array.FindIndex(Lines, l => l.Trim() == "env:");
            Assert.True(start > 0, "no env: in indexed-job.yaml");
            var indent = Indent(Lines[start]);
            var entries = new List<(string Name, string? Secret, string? Key)>();
            foreach (var line in Lines.Skip(start + 1).TakeWhile(l => l.Trim().Length == 0 || Indent(l) > indent || (Indent(l) == indent && l.TrimStart().StartsWith("- ", StringComparison.Ordinal))))
            {
                if (EnvName().Match(line) is { Success: true } name)
                {
                    entries.Add((name.Groups[1].Value, null, null));
                }
                else if (Field(line, "name") is { } secret && entries.Count > 0)
                {
                    entries[^1] = entries[^1] with { Secret = secret };
                }
                else if (Field(line, "key") is { } key && entries.Count > 0)
                {
                    entries[^1] = entries[^1] with { Key = key };
                }
            }

            return entries;
        }
    }

    /// <summary>Mount path of each volume mounted in the container, by volume name.</summary>
    public Dictionary<string, string> Mounts => PairsIn("volumeMounts:", "volumes:", "mountPath");

    /// <summary>Names of the volumes that are <c>emptyDir</c>s.</summary>
    public HashSet<string> EmptyDirs
    {
        get
        {
            var start = Array.FindIndex(Lines, l => l.Trim() == "volumes:");
            Assert.True(start > 0, "no volumes: in indexed-job.yaml");
            var names = new HashSet<string>(StringComparer.Ordinal);
            string? name = null;
            foreach (var line in Lines.Skip(start + 1).Select(l => l.Trim()))
            {
                name = line.StartsWith("- name:", StringComparison.Ordinal) ? line["- name:".Length..].Trim() : name;
                if (line == "emptyDir:" && name is not null)
                {
                    names.Add(name);
                }
            }

            return names;
        }
    }

    /// <summary>The <c>podFailurePolicy</c> rules that act on exit codes: the action and its codes.</summary>
    public List<(string Action, int[] Codes)> ExitCodeRules
    {
        get
        {
            var rules = new List<(string Action, int[] Codes)>();
            string? action = null;
            foreach (var line in Lines.Select(l => l.Trim()))
            {
                if (line.StartsWith("- action:", StringComparison.Ordinal))
                {
                    action = line["- action:".Length..].Trim();
                }
                else if (line.StartsWith("values:", StringComparison.Ordinal) && action is not null)
                {
                    rules.Add((action, line["values:".Length..].Trim().Trim('[', ']').Split(',').Select(v => int.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToArray()));
                }
            }

            return rules;
        }
    }

    public static JobManifest Read(string path) => new(File.ReadAllLines(path));

    /// <summary>The value of the first <c>key: value</c> line, comments dropped; null when absent.</summary>
    public string? Scalar(string key) =>
        Lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal)) is { } line
            ? Comment().Replace(line[(key.Length + 1)..], string.Empty).Trim().Trim('"')
            : null;

    /// <summary>The whole-number value of <paramref name="key"/>; fails the test when absent.</summary>
    public int Number(string key) =>
        int.Parse(Scalar(key) ?? throw new InvalidOperationException("no " + key + " in indexed-job.yaml"), CultureInfo.InvariantCulture);

    /// <summary>The comment lines (<c>#</c> dropped) that show a command starting with <paramref name="command"/>, continuation lines joined.</summary>
    public IEnumerable<string> CommentedCommands(string command)
    {
        var comments = Lines.Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()).ToList();
        for (var i = 0; i < comments.Count; i++)
        {
            if (!comments[i].StartsWith(command, StringComparison.Ordinal))
            {
                continue;
            }

            var text = comments[i];
            while (text.EndsWith('\\') && i + 1 < comments.Count)
            {
                text = text.TrimEnd('\\') + " " + comments[++i];
            }

            yield return text;
        }
    }

    /// <summary>The value after <paramref name="flag"/> in <paramref name="args"/>.</summary>
    public static string Value(List<string> args, string flag)
    {
        var i = args.IndexOf(flag);
        Assert.True(i >= 0 && i + 1 < args.Count, $"no value for {flag}");
        return args[i + 1];
    }

    /// <summary>The items of the YAML list after the first line <paramref name="key"/>: unquoted, comments dropped.</summary>
    private List<string> ListUnder(string key)
    {
        var start = Array.FindIndex(Lines, l => l.Trim() == key);
        Assert.True(start >= 0, "no " + key);
        return Lines.Skip(start + 1).Select(l => l.Trim()).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => Comment().Replace(l[2..], string.Empty).Trim().Trim('"')).ToList();
    }

    /// <summary>Between the lines <paramref name="from"/> and <paramref name="to"/>: each entry's <c>- name:</c> with its <paramref name="field"/>.</summary>
    private Dictionary<string, string> PairsIn(string from, string to, string field)
    {
        var start = Array.FindIndex(Lines, l => l.Trim() == from);
        Assert.True(start > 0, "no " + from + " in indexed-job.yaml");
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var line in Lines.Skip(start + 1).Select(l => l.Trim()).TakeWhile(l => l != to))
        {
            name = line.StartsWith("- name:", StringComparison.Ordinal) ? line["- name:".Length..].Trim() : name;
            if (line.StartsWith(field + ":", StringComparison.Ordinal) && name is not null)
            {
                pairs[name] = line[(field.Length + 1)..].Trim();
            }
        }

        return pairs;
    }

    private static string? Field(string line, string key)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith(key + ":", StringComparison.Ordinal) ? Comment().Replace(trimmed[(key.Length + 1)..], string.Empty).Trim() : null;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(@"^\s*- name:\s*([A-Z0-9_]+)")]
    private static partial Regex EnvName();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex Comment();
}
