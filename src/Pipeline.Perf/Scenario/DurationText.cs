using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Perf.Scenario;

/// <summary>Durations written the way k6 writes them: <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1m30s</c>, <c>1h</c>.</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var matches = Part().Matches(text.Trim());
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text.Trim()) return false;
        foreach (Match m in matches)
        {
            var value = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            duration += m.Groups["u"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                _ => TimeSpan.Zero,
            };
        }
        return true;
    }

    /// <summary>k6's spelling of a duration (whole seconds where possible), for the k6 script and messages.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 == 0
            ? $"{(long)duration.TotalSeconds}s"
            : $"{(long)duration.TotalMilliseconds}ms";

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?)(?<u>ms|s|m|h)")]
    private static partial Regex Part();
}
