using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Resilience.OpenAI;

/// <summary>
/// Parses Go's <c>time.Duration</c> text, which OpenAI uses in <c>x-ratelimit-reset-*</c> headers
/// (<c>1s</c>, <c>6m0s</c>, <c>20ms</c>, <c>1.574s</c>, <c>1h2m3.5s</c>).
/// </summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"\G(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
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
                _ => TimeSpan.TicksPerHour,
            };
            position += match.Length;
        }
        if (ticks > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }
}
