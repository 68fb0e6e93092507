using System.Text;
using System.Text.Json;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// Gives one string instance per distinct tag or metric name, looked up from the JSON bytes without
/// allocating, so a million points cost a handful of strings, not a million.
/// </summary>
internal sealed class Utf8StringPool
{
    private const int StackLimit = 256;
    // Names past this many (a file with a million distinct endpoint names) are not kept: memory stays bounded.
    private const int MaxPooled = 100_000;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Utf8StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current string token of <paramref name="reader"/>, pooled (its line was checked to be valid UTF-8).</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > StackLimit)
            return Intern(reader.GetString()!);
        return Get(reader.ValueSpan);
    }

    /// <summary>Unescaped UTF-8 text the caller has checked to be valid, pooled.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > StackLimit) return Intern(Encoding.UTF8.GetString(utf8));
        Span<char> chars = stackalloc char[StackLimit];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var span = chars[..length];
        if (_lookup.TryGetValue(span, out var existing)) return existing;
        var created = new string(span);
        if (_strings.Count < MaxPooled) _strings[created] = created;
        return created;
    }

    private string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var existing)) return existing;
        if (_strings.Count < MaxPooled) _strings[value] = value;
        return value;
    }
}
