using System.Text.RegularExpressions;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// The shared false-positive checks. Placeholders apply to every rule; the id/hash/lock-file heuristics only
/// to generic rules, whose match says "a value assigned to a secret-looking name", not "a known key format".
/// </summary>
internal static partial class FalsePositiveFilter
{
    private static readonly HashSet<string> LockFileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock", "poetry.lock",
        "Gemfile.lock", "composer.lock", "go.sum", "packages.lock.json", "Pipfile.lock", "uv.lock",
    };

    /// <summary>Template values: your-key-here, &lt;...&gt;, ${...}, changeme, xxxx, EXAMPLE keys, masks.</summary>
    public static bool IsPlaceholder(string value) => PlaceholderPattern().IsMatch(value) || CommonWordPattern().IsMatch(value);

    // Words used as dummy passwords in docs and tests; registering them with the redactor would also mask
    // every ordinary use of the word in logs.
    [GeneratedRegex(@"^(?:password|passwd|pass|secret|admin|root|test|testing|example|postgres|mysql|guest|user|username|token|apikey|api_key|key|value|none|null|undefined|string|foo|bar|baz|demo|sample|letmein|hunter2|qwerty)\d{0,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommonWordPattern();

    public static bool IsLockFile(string fileName) =>
        LockFileNames.Contains(Path.GetFileName(fileName)) || fileName.EndsWith(".lock", StringComparison.OrdinalIgnoreCase);

    /// <summary>Heuristics for generic matches: ids, hashes, integrity strings, references to the environment.</summary>
    public static bool IsLikelyNotSecret(string value) =>
        UuidPattern().IsMatch(value) || HexDigestPattern().IsMatch(value) || IntegrityPattern().IsMatch(value) ||
        EnvironmentReferencePattern().IsMatch(value) || value.Contains("://", StringComparison.Ordinal) ||
        value.Distinct().Count() <= 3 || WordsAndNumbersPattern().IsMatch(value);

    // "update-52821", "user.session.timeout", "max_retry_count_10": identifiers, not keys.
    [GeneratedRegex(@"^(?:[a-z]+|[A-Z]+|[A-Z][a-z]+|[0-9]+)(?:[-_.:/](?:[a-z]+|[A-Z]+|[A-Z][a-z]+|[0-9]+))+$")]
    private static partial Regex WordsAndNumbersPattern();

    [GeneratedRegex(@"^(?:x{3,}|\*+|\.+|-+|<[^>]*>?|\$\{.*|\{\{.*|%[A-Za-z_]+%)$|your[-_ .]?(?:own[-_ ]?)?(?:key|secret|token|pass|api|access)|changeme|change[-_]me|placeholder|example|dummy|redacted|replace[-_]?(?:me|this)|xxxxx|insert[-_ ]|\*\*\*|<[A-Za-z_-]+>|\$\{|\{\{|\{[A-Za-z_][\w.()\[\]]*\}?$|^\{", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex UuidPattern();

    // Git SHAs, SHA-1/256/512 digests.
    [GeneratedRegex(@"^(?:[0-9a-f]{7,128}|[0-9A-F]{7,128})$")]
    private static partial Regex HexDigestPattern();

    // npm/yarn integrity fields and Subresource Integrity values.
    [GeneratedRegex(@"^(?:sha1|sha256|sha384|sha512)-", RegexOptions.IgnoreCase)]
    private static partial Regex IntegrityPattern();

    [GeneratedRegex(@"^\$|process\.env|environ|getenv|secrets\.|vault:|^env\.", RegexOptions.IgnoreCase)]
    private static partial Regex EnvironmentReferencePattern();
}
