using System.Buffers;
using Pipeline.Secrets.Rules;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Finds, in one vectorised pass (SearchValues: Teddy / Aho-Corasick), the places where any rule's keyword
/// occurs, and says which rules those keywords belong to. Regexes then run only on those lines.
/// </summary>
internal sealed class KeywordPrefilter
{
    private readonly SearchValues<string> _keywords;
    private readonly (string Keyword, ulong Rules)[][] _byFirstChar = new (string, ulong)[128][];
    private readonly (string Keyword, ulong Rules)[] _nonAscii;

    public KeywordPrefilter(IReadOnlyList<SecretRule> rules)
    {
        if (rules.Count > 64) throw new ArgumentException("The scanner supports at most 64 rules (one bit each).", nameof(rules));
        var masks = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Keywords.Count == 0) throw new ArgumentException($"Rule '{rules[i].Id}' has no keywords; every rule needs at least one for the prefilter.", nameof(rules));
            foreach (var keyword in rules[i].Keywords) masks[keyword] = masks.GetValueOrDefault(keyword) | 1UL << i;
        }
        _keywords = SearchValues.Create(masks.Keys.ToArray(), StringComparison.OrdinalIgnoreCase);
        var entries = masks.Select(m => (m.Key, m.Value)).ToArray();
        for (var c = 0; c < 128; c++)
            _byFirstChar[c] = entries.Where(e => char.ToLowerInvariant(e.Key[0]) == char.ToLowerInvariant((char)c)).ToArray();
        _nonAscii = entries.Where(e => e.Key[0] >= 128).ToArray();
    }

    public int IndexOfAny(ReadOnlySpan<char> text) => text.IndexOfAny(_keywords);

    /// <summary>The rules whose keywords start at the beginning of <paramref name="text"/>.</summary>
    public ulong RulesAt(ReadOnlySpan<char> text)
    {
        var first = text[0];
        var candidates = first < 128 ? _byFirstChar[first] : _nonAscii;
        ulong rules = 0;
        foreach (var (keyword, mask) in candidates)
            if (text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)) rules |= mask;
        return rules;
    }
}
