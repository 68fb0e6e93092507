using System.Text.RegularExpressions;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Picks recovery times out of a drill log: lines that mention recovery/recovered followed by a duration
/// (<c>1.8 s</c>, <c>950 ms</c>, <c>00:00:02.1</c>). A log in another shape gives an empty list.
/// </summary>
public static partial class DrillLogReader
{
    public static IReadOnlyList<string> RecoveryTimes(string path, int max = 6)
    {
        try
        {
            var found = new List<string>();
            foreach (var line in File.ReadLines(path))
            {
                if (found.Count >= max) break;
                var match = Recovery().Match(line);
                if (match.Success) found.Add($"{match.Groups["value"].Value} {match.Groups["unit"].Value}".Trim());
            }
            return found;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"recover\w*\D{0,60}?(?<value>[0-9]+(?:\.[0-9]+)?)\s?(?<unit>ms|s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Recovery();
}
