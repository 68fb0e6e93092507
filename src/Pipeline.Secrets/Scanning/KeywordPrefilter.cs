using Pipeline.Secrets.Rules;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// Finds, in a vectorised pass (SearchValues: Teddy / Aho-Corasick), the places where a rule's keyword occurs
/// and says which rules those keywords belong to; regexes then run only there. Keywords are searched in two
/// groups (specific key prefixes; common words of the generic rules): one search over ~50 mixed keywords
/// overloads the vector buckets and runs about 3x slower than the two smaller searches together.
/// </summary>
internal sealed class KeywordPrefilter
{
    public KeywordPrefilter(IReadOnlyList<SecretRule> rules)
    {
        if (rules.Count > 64) throw new ArgumentException("The scanner supports at most 64 rules (one bit each).", nameof(rules));
        foreach (var rule in rules)
            if (rule.Keywords.Count == 0) throw new ArgumentException($"Rule '{rule.Id}' has no keywords; every rule needs at least one for the prefilter.", nameof(rules));
        Groups = new[] { false, true }
            .Select(anchored => new KeywordGroup(rules, anchored))
            .Where(g => g.RuleMask != 0)
            .ToArray();
    }

    public IReadOnlyList<KeywordGroup> Groups { get; }
}
