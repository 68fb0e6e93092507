using System.Globalization;

namespace Pipeline.Evidence.Naming;

/// <summary>
/// The date part of an evidence name: <c>YYYYMMDD</c>, optionally followed by the <c>-HHMMSS</c> (and
/// <c>-N</c>) suffix that <c>EvidenceStore</c> adds when a second run writes the same day. Ordered by
/// write order: the plain name was written first, then suffixed ones by time and counter.
/// </summary>
internal sealed record EvidenceStamp(DateOnly Date, string? Time, int Counter) : IComparable<EvidenceStamp>
{
    public string DateStamp => Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public int CompareTo(EvidenceStamp? other)
    {
        if (other is null) return 1;
        var byDate = Date.CompareTo(other.Date);
        if (byDate != 0) return byDate;
        var byPresence = (Time is null ? 0 : 1).CompareTo(other.Time is null ? 0 : 1);
        if (byPresence != 0) return byPresence;
        var byTime = string.CompareOrdinal(Time, other.Time);
        return byTime != 0 ? byTime : Counter.CompareTo(other.Counter);
    }

    /// <summary>Parses <c>20251014</c> or <c>2025-10-14</c>; false for anything that is not a real day.</summary>
    public static bool TryParseDay(string? text, out DateOnly day)
    {
        day = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return DateOnly.TryParseExact(text.Trim(), ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    public static string Format(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
