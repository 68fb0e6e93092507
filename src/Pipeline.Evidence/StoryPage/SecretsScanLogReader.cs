using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Reads <c>reports/ci-secrets-scan-YYYYMMDD.log</c>: the line <c>Findings: N total, M new, K accepted ...</c>
/// the Coverage line <c>Unscanned: N file(s), B bytes unread (...; K not accepted: ...)</c>
/// and the checklist under a heading containing "checklist" (<c>[x]</c> done, <c>[ ]</c> not done).
/// </summary>
internal static partial class SecretsScanLogReader
{
    public static SecretsScanLog Read(string path)
    {
        List<string> lines;
        try
        {
            lines = File.ReadLines(path).Take(20000).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return SecretsScanLog.Empty;
        }

        int? total = null, fresh = null, baselined = null;
        if (lines.Select(l => Findings().Match(l)).FirstOrDefault(m => m.Success) is { } findings)
        {
            total = Number(findings.Groups["total"]);
            fresh = Number(findings.Groups["new"]);
            baselined = Number(findings.Groups["baselined"]);
        }

        List<string>? openItems = null;
        var heading = lines.FindIndex(l => l.Contains("checklist", StringComparison.OrdinalIgnoreCase) && !l.TrimStart().StartsWith('['));
        if (heading >= 0)
        {
            openItems = [];
            foreach (var line in lines.Skip(heading + 1).Select(l => l.Trim()).TakeWhile(l => l.Length > 0))
            {
                if (line.StartsWith("[ ]", StringComparison.Ordinal)) openItems.Add(line[3..].Trim());
            }
        }
        return new SecretsScanLog(total, fresh, baselined, openItems) { Unscanned = ReadGap(lines) };
    }

    private static ScanGap? ReadGap(List<string> lines)
    {
        if (lines.Select(l => Unscanned().Match(l)).FirstOrDefault(m => m.Success) is not { } gap) return null;
        if (Count(gap.Groups["files"]) is not { } files || Count(gap.Groups["bytes"]) is not { } bytes) return null;
        // Files listed without "N not accepted" were all accepted with --allow-unscanned (the writer says so).
        return new ScanGap(files, bytes, Count(gap.Groups["unaccepted"]) ?? 0);
    }

    private static long? Count(Group group) =>
        group.Success && long.TryParse(group.Value.Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null;

    private static int? Number(Group group) =>
        group.Success && int.TryParse(group.Value.Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex(@"^\s*Findings:\s*(?<total>[0-9,]+)\s+total(?:,\s*(?<new>[0-9,]+)\s+new)?(?:,\s*(?<baselined>[0-9,]+)\s+accepted)?", RegexOptions.IgnoreCase)]
    private static partial Regex Findings();

    [GeneratedRegex(@"^\s*Unscanned:\s*(?<files>[0-9,]+)\s+file\(s\),\s*(?<bytes>[0-9,]+)\s+bytes unread(?:.*?;\s*(?<unaccepted>[0-9,]+)\s+not accepted)?", RegexOptions.IgnoreCase)]
    private static partial Regex Unscanned();
}
