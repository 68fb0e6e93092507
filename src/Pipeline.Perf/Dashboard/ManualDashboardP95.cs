using System.Globalization;

namespace Pipeline.Perf.Dashboard;

/// <summary>Parses <c>chat=1070,sync-jobs=820</c>: P95 per endpoint in milliseconds, as read off the dashboard.</summary>
internal static class ManualDashboardP95
{
    public static DashboardReading Parse(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var number = pieces.Length == 2 ? pieces[1].Replace("ms", "", StringComparison.OrdinalIgnoreCase).Trim() : "";
            if (pieces.Length == 2 && pieces[0].Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var given) && given <= 0)
                throw new FormatException($"'{part}' gives a P95 of {number} ms; a P95 is above 0 (the delta is relative to it). Type the figure the dashboard shows, like chat=1070.");
            if (pieces.Length != 2 || pieces[0].Length == 0
                || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || !double.IsFinite(ms) || ms <= 0)
                throw new FormatException($"'{part}' is not endpoint=milliseconds; write it like chat=1070,sync-jobs=820.");
            if (!values.TryAdd(pieces[0], ms))
                throw new FormatException($"endpoint '{pieces[0]}' is given twice; give each endpoint once, like chat=1070,sync-jobs=820.");
        }
        if (values.Count == 0) throw new FormatException("no figure is given; write it like chat=1070,sync-jobs=820.");
        return new DashboardReading(DashboardSource.Manual, "typed from the Supabase dashboard", values);
    }
}
