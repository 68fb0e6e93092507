using System.Globalization;
using System.Text;

namespace Pipeline.Perf.Dashboard;

/// <summary>
/// Parses the Prometheus text exposition format (what <c>/metrics</c> serves and what RunP95 stores as
/// <c>.prom</c> snapshots): comments skipped, label values unescaped, <c>+Inf</c>/<c>NaN</c> understood.
/// </summary>
internal static class PrometheusTextParser
{
    public static IReadOnlyList<PrometheusSample> Parse(string text, string source = "snapshot")
    {
        var samples = new List<PrometheusSample>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            samples.Add(ParseLine(line) ?? throw new FormatException(
                $"{source}:{lineNumber}: not a Prometheus sample line ('{Shorten(line)}'); the file should be a copy of the API's /metrics page."));
        }
        return samples;
    }

    private static PrometheusSample? ParseLine(string line)
    {
        var i = 0;
        while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] is '_' or ':')) i++;
        if (i == 0) return null;
        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                while (i < line.Length && line[i] is ' ' or ',') i++;
                if (i >= line.Length) return null;
                if (line[i] == '}') { i++; break; }
                var keyStart = i;
                while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '_')) i++;
                var key = line[keyStart..i];
                if (key.Length == 0 || i + 1 >= line.Length || line[i] != '=' || line[i + 1] != '"') return null;
                i += 2;
                var value = new StringBuilder();
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', _ => line[i] });
                    }
                    else value.Append(line[i]);
                    i++;
                }
                if (i >= line.Length) return null;
                i++;
                labels[key] = value.ToString();
            }
        }
        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2 || !TryParseValue(rest[0], out var number)) return null;
        return new PrometheusSample(name, labels, number);
    }

    public static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf" or "Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            case "NaN": value = double.NaN; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "...";
}
