using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Time;

/// <summary>
/// The one duration grammar of Pipeline, used by build parameters, the scenario file and the libraries: numbers
/// with units, as k6 and Go write them (<c>500ms</c>, <c>10s</c>, <c>1m30s</c>, <c>1.574s</c>, <c>250us</c>, <c>2h</c>,
/// <c>1d</c>), or a bare <c>0</c>. A bare number other than 0 is refused: its unit would be a guess.
/// </summary>
public static partial class Duration
{
    /// <summary>For messages: how to write a duration.</summary>
    public const string Examples = "500ms, 10s, 1m30s, 2h or 1d";

    [GeneratedRegex(@"\G(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text == "0") return true;
        var position = 0;
        double ticks = 0;
        while (position < text.Length)
        {
            var match = Part().Match(text, position);
            if (!match.Success) return false;
            var value = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            ticks += value * match.Groups[2].Value switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => TimeSpan.TicksPerDay,
            };
            position += match.Length;
        }
        if (!(ticks < TimeSpan.MaxValue.Ticks)) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    /// <summary>The shortest text in this grammar for a duration (<c>90s</c> is <c>1m30s</c>); it parses back to the same value.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return "0";
        if (duration.Ticks % TimeSpan.TicksPerMillisecond != 0)
            return $"{(duration.Ticks / (double)TimeSpan.TicksPerMicrosecond).ToString("0.###", CultureInfo.InvariantCulture)}us";
        var text = new System.Text.StringBuilder();
        void Append(long amount, string unit) { if (amount > 0) text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit); }
        Append(duration.Days, "d");
        Append(duration.Hours, "h");
        Append(duration.Minutes, "m");
        Append(duration.Seconds, "s");
        Append(duration.Milliseconds, "ms");
        return text.ToString();
    }
}
