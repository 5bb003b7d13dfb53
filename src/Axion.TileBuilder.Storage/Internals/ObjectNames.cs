namespace Axion.TileBuilder.Storage.Internals;

/// <summary>Checks object names and listing prefixes given to a store: relative, <c>/</c>-separated, no escape.</summary>
internal static class ObjectNames
{
    /// <summary>Longest name below the location's prefix, in characters (services allow 1024 with the prefix).</summary>
    public const int MaxNameLength = 500;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a plain relative object name.</summary>
    public static void Validate(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.EndsWith('/'))
        {
            throw new ArgumentException($"object name '{name}' ends with '/'", nameof(name));
        }

        ValidatePrefix(name);
    }

    /// <summary>Like <see cref="Validate"/> but empty and a trailing <c>/</c> are allowed (a listing prefix).</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > MaxNameLength)
        {
            throw new ArgumentException($"object name '{prefix[..40]}...' is longer than {MaxNameLength} characters", nameof(prefix));
        }

        foreach (var c in prefix)
        {
            if (char.IsControl(c) || c == '\\')
            {
                throw new ArgumentException($"object name '{prefix}' contains a control character or a backslash", nameof(prefix));
            }
        }

        if (prefix.Length == 0)
        {
            return;
        }

        var segments = prefix.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isTrailingEmpty = i == segments.Length - 1 && segment.Length == 0;
            if ((segment.Length == 0 && !isTrailingEmpty) || segment is "." or "..")
            {
                throw new ArgumentException($"object name '{prefix}' has an empty, '.' or '..' segment", nameof(prefix));
            }
        }
    }
}
