using System.Text.RegularExpressions;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Reads the drill logs' own summary lines: the first <c>Result: ...</c> line (PASS/PASSED/HEALTHY is a
/// pass, FAIL/FAILED/UNHEALTHY a failure), and recovery times from a Markdown table with a
/// <c>recovery</c> column (first column = fault name), else from lines such as "recovered in 1.8 s".
/// A log in another shape gives an empty summary.
/// </summary>
internal static partial class DrillLogReader
{
    public static DrillLogSummary Read(string path, int maxRecoveryTimes = 8)
    {
        List<string> lines;
        try
        {
            lines = File.ReadLines(path).Take(5000).ToList();   // the summary is at the top; the query ledger below can be long
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return DrillLogSummary.Empty;
        }

        var verdict = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Result:", StringComparison.OrdinalIgnoreCase))?["Result:".Length..].Trim();
        var recoveries = FromTable(lines);
        if (recoveries.Count == 0) recoveries = FromProse(lines);
        return new DrillLogSummary(verdict, PassedFrom(verdict), recoveries.Take(maxRecoveryTimes).ToList());
    }

    private static bool? PassedFrom(string? verdict)
    {
        var word = verdict is null ? "" : FirstWord().Match(verdict).Value.ToUpperInvariant();
        return word switch
        {
            "PASS" or "PASSED" or "HEALTHY" or "OK" => true,
            "FAIL" or "FAILED" or "UNHEALTHY" => false,
            _ => null,
        };
    }

    private static List<string> FromTable(List<string> lines)
    {
        var found = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var header = Cells(lines[i]);
            var column = header.FindIndex(c => c.Equals("recovery", StringComparison.OrdinalIgnoreCase));
            if (column <= 0) continue;
            for (var j = i + 2; j < lines.Count && lines[j].TrimStart().StartsWith('|'); j++)
            {
                var row = Cells(lines[j]);
                if (row.Count > column && row[column] is { Length: > 0 } value && value != "-") found.Add($"{row[0]} {value}");
            }
            if (found.Count > 0) return found;
        }
        return found;
    }

    private static List<string> FromProse(List<string> lines)
    {
        var found = new List<string>();
        foreach (var line in lines)
        {
            if (line.Contains("max recovery", StringComparison.OrdinalIgnoreCase) || line.Contains("max-recovery", StringComparison.OrdinalIgnoreCase)) continue;   // a limit, not a measurement
            var match = Recovery().Match(line);
            if (match.Success) found.Add($"{match.Groups["value"].Value} {match.Groups["unit"].Value}");
        }
        return found;
    }

    private static List<string> Cells(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('|') || !trimmed.EndsWith('|') || trimmed.Length < 2) return [];
        return trimmed[1..^1].Split('|').Select(c => c.Trim()).ToList();
    }

    [GeneratedRegex(@"recover\w*\D{0,60}?(?<value>[0-9]+(?:\.[0-9]+)?)\s?(?<unit>ms|s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Recovery();

    [GeneratedRegex(@"^[A-Za-z]+")]
    private static partial Regex FirstWord();
}
