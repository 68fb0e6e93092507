namespace Pipeline.Targets;

/// <summary>How names are matched: case- and dash-insensitive (spelling in kebab-case is <c>Pipeline.Core.Naming.KebabCase</c>).</summary>
internal static class BuildName
{
    /// <summary>"BaseUrl", "base-url", "BASE_URL" and "baseurl" all normalise to "baseurl".</summary>
    public static string Normalize(string name) =>
        new string(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>"BaseUrl" -> "BASE_URL" for environment variables.</summary>
    public static string ToConstantCase(string name) => Pipeline.Core.Naming.KebabCase.From(name).Replace('-', '_').ToUpperInvariant();

    /// <summary>The candidate closest to <paramref name="name"/> (edit distance), for "did you mean" messages.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var wanted = Normalize(name);
        var best = candidates.Select(c => (Name: c, Distance: Distance(wanted, Normalize(c))))
            .OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, wanted.Length / 3) ? best.Name : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
