using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Core.Evidence;
using Pipeline.Evidence.Catalogue;

namespace Pipeline.Evidence.Naming;

/// <summary>
/// Matches file paths against one deliverable's template: the <c>{date}</c> token becomes <c>YYYYMMDD</c>
/// with the optional <c>-HHMMSS</c>/<c>-HHMMSS-N</c> suffix of a later run the same day.
/// </summary>
internal sealed partial class DeliverablePattern
{
    private readonly Regex _regex;

    public DeliverablePattern(Deliverable deliverable)
    {
        Deliverable = deliverable;
        var template = deliverable.Template;
        if (!deliverable.IsDated)
        {
            _regex = new Regex("^" + Regex.Escape(template) + "$", RegexOptions.CultureInvariant);
        }
        else
        {
            var at = template.IndexOf(EvidenceStore.DateToken, StringComparison.Ordinal);
            var prefix = Regex.Escape(template[..at]);
            var suffix = Regex.Escape(template[(at + EvidenceStore.DateToken.Length)..]);
            _regex = new Regex($"^{prefix}(?<date>[0-9]{{8}})(?:-(?<time>[0-9]{{6}})(?:-(?<n>[0-9]{{1,3}}))?)?{suffix}$", RegexOptions.CultureInvariant);
        }
        Folder = Path.GetDirectoryName(template)?.Replace('\\', '/') ?? "";
        Shape = ShapeOf(Path.GetFileName(template).Replace(EvidenceStore.DateToken, "", StringComparison.Ordinal));
    }

    public Deliverable Deliverable { get; }

    /// <summary>The folder the deliverable lives in, relative to the root (e.g. <c>reports</c>).</summary>
    public string Folder { get; }

    /// <summary>
    /// The file name with every digit and separator removed (<c>openai-resilience-{date}.log</c> →
    /// <c>openairesiliencelog</c>): two names with the same shape are the same deliverable, spelled
    /// differently (<c>openai-resilience_20251014.log</c>).
    /// </summary>
    public string Shape { get; }

    /// <summary>Matches a root-relative path with forward slashes; the stamp is null for undated deliverables.</summary>
    public bool TryMatch(string relativePath, out EvidenceStamp? stamp)
    {
        stamp = null;
        var match = _regex.Match(relativePath);
        if (!match.Success) return false;
        if (!Deliverable.IsDated) return true;
        if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
        var time = match.Groups["time"].Success ? match.Groups["time"].Value : null;
        if (time is not null && !TimeOnly.TryParseExact(time, "HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return false;
        var counter = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
        stamp = new EvidenceStamp(day, time, counter);
        return true;
    }

    public static string ShapeOf(string fileName) => NotShape().Replace(fileName.ToLowerInvariant(), "");

    /// <summary>A date written in a file name in any of the usual ways (<c>20251014</c>, <c>2025-10-14</c>, <c>2025_10_14</c>).</summary>
    public static DateOnly? DateIn(string fileName)
    {
        foreach (Match match in LooseDate().Matches(fileName))
        {
            var digits = match.Groups["y"].Value + match.Groups["m"].Value + match.Groups["d"].Value;
            if (EvidenceStamp.TryParseDay(digits, out var day)) return day;
        }
        return null;
    }

    [GeneratedRegex("[^a-z]")]
    private static partial Regex NotShape();

    [GeneratedRegex("(?<![0-9])(?<y>20[0-9]{2})[-_.]?(?<m>[01][0-9])[-_.]?(?<d>[0-3][0-9])(?![0-9]{3})")]
    private static partial Regex LooseDate();
}
