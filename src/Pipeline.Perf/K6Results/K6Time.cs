using System.Globalization;
using System.Text;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Parses k6's point times (Go's RFC 3339 with up to nine fractional digits, <c>Z</c> or an offset) from
/// UTF-8 without allocating; .NET's round-trip parsers accept at most seven digits.
/// </summary>
internal static class K6Time
{
    public static bool TryParseUtcTicks(ReadOnlySpan<byte> text, out long utcTicks)
    {
        utcTicks = 0;
        // yyyy-MM-ddTHH:mm:ss
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':')
            return Fallback(text, out utcTicks);
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
            return false;
        var i = 19;
        long fractionTicks = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var digits = 0;
            long scale = TimeSpan.TicksPerSecond;
            while (i < text.Length && text[i] is >= (byte)'0' and <= (byte)'9')
            {
                // ticks are 100 ns: digits past the seventh are below resolution and dropped.
                if (digits < 7)
                {
                    scale /= 10;
                    fractionTicks += (text[i] - '0') * scale;
                }
                digits++;
                i++;
            }
            if (digits == 0) return false;
        }
        long offsetTicks = 0;
        if (i < text.Length && (text[i] == 'Z' || text[i] == 'z')) i++;
        else if (i + 6 == text.Length && (text[i] == '+' || text[i] == '-') && text[i + 3] == ':'
                 && Digits(text, i + 1, 2, out var offsetHours) && Digits(text, i + 4, 2, out var offsetMinutes))
        {
            offsetTicks = (text[i] == '-' ? -1 : 1) * (offsetHours * TimeSpan.TicksPerHour + offsetMinutes * TimeSpan.TicksPerMinute);
            i += 6;
        }
        else return false;
        if (i != text.Length) return false;
        try
        {
            var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
            utcTicks = local - offsetTicks;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool Fallback(ReadOnlySpan<byte> text, out long utcTicks)
    {
        var parsed = DateTimeOffset.TryParse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value);
        utcTicks = parsed ? value.UtcTicks : 0;
        return parsed;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var k = start; k < start + count; k++)
        {
            if (text[k] is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (text[k] - '0');
        }
        return true;
    }
}
