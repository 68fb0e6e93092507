using System.Buffers;
using System.Runtime.CompilerServices;
using Pipeline.Secrets.Rules;

namespace Pipeline.Secrets.Scanning;

/// <summary>The keywords of the rules that are (or are not) anchored at their keyword.</summary>
internal sealed class KeywordGroup
{
    private readonly SearchValues<string> _keywords;
    private readonly (string Keyword, ulong Rules)[][] _byFirstChar = new (string, ulong)[128][];
    private readonly (string Keyword, ulong Rules)[] _nonAscii;

    public KeywordGroup(IReadOnlyList<SecretRule> rules, bool anchored)
    {
        IsAnchored = anchored;
        var masks = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].AnchoredAtKeyword != anchored) continue;
            RuleMask |= 1UL << i;
            foreach (var keyword in rules[i].Keywords) masks[keyword] = masks.GetValueOrDefault(keyword) | 1UL << i;
        }
        _keywords = SearchValues.Create(masks.Keys.ToArray(), StringComparison.OrdinalIgnoreCase);
        var entries = masks.Select(m => (m.Key, m.Value)).ToArray();
        for (var c = 0; c < 128; c++)
            _byFirstChar[c] = entries.Where(e => char.ToLowerInvariant(e.Key[0]) == char.ToLowerInvariant((char)c)).ToArray();
        _nonAscii = entries.Where(e => e.Key[0] >= 128).ToArray();
    }

    public bool IsAnchored { get; }
    public ulong RuleMask { get; }

    public int IndexOfAny(ReadOnlySpan<char> text) => text.IndexOfAny(_keywords);

    /// <summary>The rules whose keywords start at the beginning of <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
