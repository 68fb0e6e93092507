using System.Text.RegularExpressions;

namespace Pipeline.Secrets.Rules;

/// <summary>
/// One detection rule, as data: what it finds, the regex that finds it, the keywords that must appear on the
/// line before the regex is even tried (the prefilter that keeps the scanner fast), and the checks that keep
/// false positives out. The regex's named group <c>secret</c> (or the whole match) is the secret value.
/// </summary>
public sealed record SecretRule
{
    public required string Id { get; init; }
    public required string Description { get; init; }

    /// <summary>Rules of one family describe the same kind of credential; engines are merged by family.</summary>
    public required string Family { get; init; }

    /// <summary>
    /// Finds the secret: the named group <c>secret</c>, or the whole match. Built with
    /// <see cref="RegexOptions.CultureInvariant"/> and <see cref="RegexOptions.ExplicitCapture"/>; the built-in
    /// rules' patterns are source-generated, so a scan compiles nothing when it starts.
    /// </summary>
    public required Regex Pattern { get; init; }

    /// <summary>Case-insensitive literals; the rule runs only on lines containing at least one.</summary>
    public required IReadOnlyList<string> Keywords { get; init; }

    /// <summary>Minimum Shannon entropy (bits per character) of the secret; 0 turns the check off.</summary>
    public double MinimumEntropy { get; init; }

    /// <summary>Regexes tried on the whole match; any hit means "not a secret" (documentation values, local defaults).</summary>
    public IReadOnlyList<Regex> Allowlist { get; init; } = [];

    /// <summary>Generic rules (keyword assignments) also get the heuristics for ids, hashes and lock files.</summary>
    public bool IsGeneric { get; init; }

    /// <summary>The match may span lines (PEM blocks); the regex then sees a window after the keyword's line.</summary>
    public bool SpansLines { get; init; }

    /// <summary>
    /// The regex starts with <c>\G</c> and is tried only where one of the keywords starts (for generic rules
    /// whose keywords are common words: far cheaper than searching the whole line).
    /// </summary>
    public bool AnchoredAtKeyword { get; init; }

    /// <summary>An extra check on the secret value (e.g. the JWT payload names the service role).</summary>
    public Func<string, bool>? Confirm { get; init; }

    /// <summary>The detect-secrets plugin type this rule corresponds to, so `detect-secrets audit` can read our baseline.</summary>
    public required string DetectSecretsType { get; init; }

    /// <summary>
    /// The text detect-secrets' own plugin hashes for this secret, when it differs from the secret (it hashes
    /// "header.payload." of a JWT and "BEGIN ... PRIVATE KEY" of a PEM block); keeps `detect-secrets audit` working.
    /// </summary>
    public Func<string, string>? DetectSecretsValue { get; init; }

    /// <summary>trufflehog's detector name and number (pkg/pb/detectorspb); 0 when trufflehog has no such detector.</summary>
    public required string TrufflehogDetector { get; init; }
    public int TrufflehogDetectorType { get; init; }
}
