using System.Text.RegularExpressions;

namespace Pipeline.Secrets.Rules;

/// <summary>
/// The built-in rule set. Order matters: when two rules find the same value on the same line, the earlier
/// (more specific) one is reported, so specific rules come first and the generic assignment rule last.
/// </summary>
internal static partial class DefaultSecretRules
{
    // Values that are obviously not real: documentation keys and local defaults.
    private const string LocalHost = @"@(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0|host\.docker\.internal|db|postgres|mysql|redis)\b";
    private const string WeakLocalPassword = @":(?:postgres|password|pass|secret|admin|root|test|changeme|example|mysql|redis|guest)" + LocalHost;

    // Base64 of the header's first key ({"alg", {"typ", {"kid"): longer than "eyJ", so the prefilter stays fast.
    private static readonly string[] JwtHeaderStarts = ["eyJhbGci", "eyJ0eXAi", "eyJraWQi", "eyJjdHki"];

    private static string JwtHeaderAndPayload(string jwt) => jwt[..(jwt.LastIndexOf('.') + 1)];

    private static string PemHeader(string pem)
    {
        var begin = pem.IndexOf("BEGIN", StringComparison.Ordinal);
        var end = pem.IndexOf("PRIVATE KEY", StringComparison.Ordinal);
        return begin >= 0 && end > begin ? pem[begin..(end + "PRIVATE KEY".Length)] : pem;
    }

    public static IReadOnlyList<SecretRule> All { get; } =
    [
        new()
        {
            Id = "openai-project-key", Family = "openai",
            Description = "OpenAI project, service-account or admin API key (sk-proj-, sk-svcacct-, sk-admin-)",
            Pattern = OpenAiProjectKey(),
            Keywords = ["sk-proj-", "sk-svcacct-", "sk-admin-"],
            DetectSecretsType = "OpenAI Token", TrufflehogDetector = "OpenAI", TrufflehogDetectorType = 201,
        },
        new()
        {
            Id = "openai-legacy-key", Family = "openai",
            Description = "OpenAI legacy user API key (sk-...T3BlbkFJ...)",
            Pattern = OpenAiLegacyKey(),
            Keywords = ["T3BlbkFJ"],
            DetectSecretsType = "OpenAI Token", TrufflehogDetector = "OpenAI", TrufflehogDetectorType = 201,
        },
        new()
        {
            Id = "supabase-secret-key", Family = "supabase",
            Description = "Supabase secret API key (sb_secret_)",
            Pattern = SupabaseSecretKey(),
            Keywords = ["sb_secret_"],
            DetectSecretsType = "Secret Keyword", TrufflehogDetector = "SupabaseToken", TrufflehogDetectorType = 915,
        },
        new()
        {
            Id = "supabase-access-token", Family = "supabase",
            Description = "Supabase personal access token (sbp_)",
            Pattern = SupabaseAccessToken(),
            Keywords = ["sbp_"],
            DetectSecretsType = "Secret Keyword", TrufflehogDetector = "SupabaseToken", TrufflehogDetectorType = 915,
        },
        new()
        {
            Id = "supabase-service-role-jwt", Family = "jwt",
            Description = "Supabase service_role JWT (bypasses row-level security)",
            Pattern = Jwt(),
            Keywords = JwtHeaderStarts,
            Confirm = JwtClaims.IsSupabaseServiceRole,
            DetectSecretsValue = JwtHeaderAndPayload,
            DetectSecretsType = "JSON Web Token", TrufflehogDetector = "JWT", TrufflehogDetectorType = 1039,
        },
        new()
        {
            Id = "aws-access-key-id", Family = "aws",
            Description = "AWS access key ID",
            Pattern = AwsAccessKeyId(),
            Keywords = ["AKIA", "ASIA", "ABIA", "ACCA"],
            Allowlist = [AwsDocumentationKeyId()],
            DetectSecretsType = "AWS Access Key", TrufflehogDetector = "AWS", TrufflehogDetectorType = 2,
        },
        new()
        {
            Id = "aws-secret-access-key", Family = "aws",
            Description = "AWS secret access key assigned to an AWS-named variable",
            Pattern = AwsSecretAccessKey(),
            Keywords = ["aws_", "aws-", "aws.", "awssecret"],
            MinimumEntropy = 3.5,
            Allowlist = [AwsDocumentationSecret()],
            DetectSecretsType = "AWS Access Key", TrufflehogDetector = "AWS", TrufflehogDetectorType = 2,
        },
        new()
        {
            Id = "github-token", Family = "github",
            Description = "GitHub token (ghp_ personal, gho_ OAuth, ghs_ app server, ghu_ app user, ghr_ refresh)",
            Pattern = GithubToken(),
            Keywords = ["ghp_", "gho_", "ghs_", "ghu_", "ghr_"],
            DetectSecretsValue = token => token[..3], // detect-secrets 1.5.0's regex group captures only the prefix
            DetectSecretsType = "GitHub Token", TrufflehogDetector = "Github", TrufflehogDetectorType = 8,
        },
        new()
        {
            Id = "github-fine-grained-pat", Family = "github",
            Description = "GitHub fine-grained personal access token (github_pat_)",
            Pattern = GithubFineGrainedPat(),
            Keywords = ["github_pat_"],
            DetectSecretsType = "GitHub Token", TrufflehogDetector = "Github", TrufflehogDetectorType = 8,
        },
        new()
        {
            Id = "slack-token", Family = "slack",
            Description = "Slack bot, user, app or refresh token (xox?-)",
            Pattern = SlackToken(),
            Keywords = ["xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-"],
            DetectSecretsType = "Slack Token", TrufflehogDetector = "Slack", TrufflehogDetectorType = 0,
        },
        new()
        {
            Id = "slack-webhook", Family = "slack",
            Description = "Slack incoming webhook URL",
            Pattern = SlackWebhook(),
            Keywords = ["hooks.slack.com"],
            DetectSecretsType = "Slack Token", TrufflehogDetector = "SlackWebhook", TrufflehogDetectorType = 0,
        },
        new()
        {
            Id = "stripe-live-key", Family = "stripe",
            Description = "Stripe live secret or restricted key (sk_live_, rk_live_)",
            Pattern = StripeLiveKey(),
            Keywords = ["sk_live_", "rk_live_"],
            DetectSecretsType = "Stripe Access Key", TrufflehogDetector = "Stripe", TrufflehogDetectorType = 0,
        },
        new()
        {
            Id = "private-key", Family = "private-key",
            Description = "PEM private key block (also inside strings with escaped \\n)",
            Pattern = PrivateKey(),
            Keywords = ["PRIVATE KEY"],
            SpansLines = true,
            DetectSecretsValue = PemHeader,
            DetectSecretsType = "Private Key", TrufflehogDetector = "PrivateKey", TrufflehogDetectorType = 15,
        },
        new()
        {
            Id = "jwt", Family = "jwt",
            Description = "JSON Web Token (bearer credential)",
            Pattern = Jwt(),
            Keywords = JwtHeaderStarts,
            Confirm = JwtClaims.IsJwt,
            DetectSecretsValue = JwtHeaderAndPayload,
            DetectSecretsType = "JSON Web Token", TrufflehogDetector = "JWT", TrufflehogDetectorType = 1039,
        },
        new()
        {
            Id = "url-credentials", Family = "url-credentials",
            Description = "Credentials in a URL (scheme://user:password@host: HTTP, FTP, PostgreSQL, MySQL, MongoDB, Redis, AMQP...)",
            // Anchored at "://": most URLs carry no userinfo and are rejected at their first '/' or '@'-less host.
            Pattern = UrlCredentials(),
            Keywords = ["://"],
            AnchoredAtKeyword = true,
            Allowlist = [WeakLocalPasswordAllowed()],
            DetectSecretsType = "Basic Auth Credentials", TrufflehogDetector = "URI", TrufflehogDetectorType = 17,
        },
        new()
        {
            Id = "generic-secret-assignment", Family = "generic",
            Description = "High-entropy value assigned to a secret-looking name (password, secret, token, api key)",
            // Anchored at the keyword: cheap to reject where the name is not followed by an assignment.
            Pattern = GenericSecretAssignment(),
            Keywords = ["secret", "passw", "token", "api_key", "api-key", "apikey", "access_key", "access-key", "private_key", "private-key", "auth_key", "credential"],
            AnchoredAtKeyword = true,
            MinimumEntropy = 3.3,
            IsGeneric = true,
            Confirm = value => value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetter),
            DetectSecretsType = "Secret Keyword", TrufflehogDetector = "Generic", TrufflehogDetectorType = 0,
        },
    ];

    // The patterns, compiled at build time by the regex source generator: nothing to compile when a scan starts.
    // ExplicitCapture: only the named group "secret" captures.
    private const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const RegexOptions AllowlistOptions = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    [GeneratedRegex(@"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}", PatternOptions)]
    private static partial Regex OpenAiProjectKey();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b", PatternOptions)]
    private static partial Regex OpenAiLegacyKey();

    [GeneratedRegex(@"\bsb_secret_[A-Za-z0-9_-]{20,}", PatternOptions)]
    private static partial Regex SupabaseSecretKey();

    [GeneratedRegex(@"\bsbp_(?:v0_)?[a-z0-9]{40}\b", PatternOptions)]
    private static partial Regex SupabaseAccessToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}", PatternOptions)]
    private static partial Regex Jwt();

    // Userinfo as RFC 3986 delimits it (detect-secrets' Basic Auth plugin excludes the same reserved characters),
    // except '@': people type it unescaped in user names and passwords (https://me@corp.com:pass@host), so the
    // userinfo runs to the last '@' before the host, as Pipeline.Core's UrlCredentials reads it. Braces and angle
    // brackets are excluded, so templates such as {password} and <password> never match.
    [GeneratedRegex(@"\G://[^\s:/?#\[\]'""`{}<>\\]{0,128}:(?<secret>[^\s:/?#\[\]'""`{}<>\\]{3,256})@[A-Za-z0-9._\[\]:%-]+", PatternOptions)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b", PatternOptions)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?i:aws[\w.-]{0,40})[""']?\s*(?::=|=>|=|:)\s*[""']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", PatternOptions)]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36}\b", PatternOptions)]
    private static partial Regex GithubToken();

    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b", PatternOptions)]
    private static partial Regex GithubFineGrainedPat();

    [GeneratedRegex(@"\bxox[abposr]-[0-9A-Za-z-]{20,}", PatternOptions)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}", PatternOptions)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"\b[sr]k_live_[A-Za-z0-9]{20,}\b", PatternOptions)]
    private static partial Regex StripeLiveKey();

    [GeneratedRegex(@"-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,.'""-]|\\[rn]){40,}?-----END[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----", PatternOptions)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\G[\w.-]{0,48}?[""']?\s*(?::=|=>|=|:)\s*(?:[""'`]|\b)(?<secret>[A-Za-z0-9+/=_.~!@#$%^&-]{12,200})(?=[""'`\s,;)}\]]|$)", PatternOptions)]
    private static partial Regex GenericSecretAssignment();

    [GeneratedRegex(WeakLocalPassword, AllowlistOptions)]
    private static partial Regex WeakLocalPasswordAllowed();

    [GeneratedRegex(@"EXAMPLE$", AllowlistOptions)]
    private static partial Regex AwsDocumentationKeyId();

    [GeneratedRegex(@"EXAMPLEKEY", AllowlistOptions)]
    private static partial Regex AwsDocumentationSecret();
}
