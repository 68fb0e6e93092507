namespace Pipeline.Perf.Statistics;

/// <summary>The known name nearest to a mistyped one (fewest single-character edits), for "did you mean" hints.</summary>
internal static class ClosestName
{
    public static string? Find(string typed, IEnumerable<string> known) =>
        known.Select(name => (Name: name, Distance: Distance(typed, name)))
            .Where(c => c.Distance <= Math.Max(2, typed.Length / 3))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();

    // Levenshtein distance with two rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
