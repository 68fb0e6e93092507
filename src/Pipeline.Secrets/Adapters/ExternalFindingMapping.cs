namespace Pipeline.Secrets.Adapters;

/// <summary>
/// Maps trufflehog detector names and detect-secrets plugin types onto the built-in rule families, so the
/// same credential found by several engines is merged into one finding.
/// </summary>
internal static class ExternalFindingMapping
{
    public const string GenericFamily = "generic";

    public static string FamilyOfTrufflehogDetector(string detector) => detector.ToLowerInvariant() switch
    {
        "aws" or "awssessionkey" => "aws",
        "github" or "githubapp" or "githuboauth2" => "github",
        "openai" or "openaiadmin" => "openai",
        "privatekey" => "private-key",
        "postgres" or "uri" or "mongodb" or "redis" or "jdbc" or "mysql" or "sqlserver" or "ftp" => "url-credentials",
        "supabasetoken" => "supabase",
        "jwt" => "jwt",
        "slack" or "slackwebhook" => "slack",
        "stripe" => "stripe",
        var other => "trufflehog-" + other,
    };

    public static string FamilyOfDetectSecretsType(string type) => type switch
    {
        "AWS Access Key" => "aws",
        "GitHub Token" => "github",
        "OpenAI Token" => "openai",
        "Private Key" => "private-key",
        "Basic Auth Credentials" => "url-credentials",
        "JSON Web Token" => "jwt",
        "Slack Token" => "slack",
        "Stripe Access Key" => "stripe",
        "Secret Keyword" or "Base64 High Entropy String" or "Hex High Entropy String" => GenericFamily,
        var other => "detect-secrets-" + other.ToLowerInvariant().Replace(' ', '-'),
    };

    public static string DetectSecretsTypeOfFamily(string family) => family switch
    {
        "aws" => "AWS Access Key",
        "github" => "GitHub Token",
        "openai" => "OpenAI Token",
        "private-key" => "Private Key",
        "url-credentials" => "Basic Auth Credentials",
        "jwt" => "JSON Web Token",
        "slack" => "Slack Token",
        "stripe" => "Stripe Access Key",
        _ => "Secret Keyword",
    };

    /// <summary>A path as a tool printed it, made relative to the scanned root with forward slashes.</summary>
    public static string RelativePath(string root, string path)
    {
        path = path.Replace('\\', '/');
        if (Path.IsPathRooted(path)) path = Path.GetRelativePath(root, path).Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
        return path;
    }
}
