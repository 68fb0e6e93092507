using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Reads <c>reports/ci-secrets-scan-YYYYMMDD.log</c>: the line <c>Findings: N total, M new, K accepted ...</c>
/// and the checklist under a heading containing "checklist" (<c>[x]</c> done, <c>[ ]</c> not done).
/// </summary>
public static partial class SecretsScanLogReader
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
        return new SecretsScanLog(total, fresh, baselined, openItems);
    }

    private static int? Number(Group group) =>
        group.Success && int.TryParse(group.Value.Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex(@"^\s*Findings:\s*(?<total>[0-9,]+)\s+total(?:,\s*(?<new>[0-9,]+)\s+new)?(?:,\s*(?<baselined>[0-9,]+)\s+accepted)?", RegexOptions.IgnoreCase)]
    private static partial Regex Findings();
}
