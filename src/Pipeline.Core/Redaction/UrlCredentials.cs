using System.Text.RegularExpressions;

namespace Pipeline.Core.Redaction;

/// <summary>
/// The userinfo of a URL (<c>scheme://user:password@host</c>) is a credential: the password, or the user name alone
/// when there is no password (<c>https://ghp_token@host</c>). It is shown as <c>user:***@</c> (or <c>***@</c>).
/// </summary>
public static partial class UrlCredentials
{
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^:/?#@\s]*)(?::(?<password>[^/?#@\s]*))?@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    /// <summary>The text with the credential of every URL in it masked.</summary>
    public static string Mask(string text) => UserInfo().Replace(text, m => m.Groups["scheme"].Value + MaskedUserInfo(m) + "@");

    /// <summary>
    /// Registers every URL credential in the text so that it is masked wherever it is printed afterwards: the
    /// <c>://userinfo@</c> run (long enough to mask even a short password, shown as <c>://user:***@</c>) and
    /// the secret part alone (for messages that print it apart from its URL).
    /// </summary>
    public static void Register(SecretRedactor redactor, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (Match match in UserInfo().Matches(text))
        {
            var userInfo = match.Value[match.Groups["scheme"].Length..]; // "user:password@"
            var secret = match.Groups["password"].Success ? match.Groups["password"].Value : match.Groups["user"].Value;
            if (secret.Length == 0) continue;
            redactor.Register("://" + userInfo, "://" + MaskedUserInfo(match) + "@");
            // As typed, unescaped (what a client sends) and escaped (what Uri prints).
            var unescaped = Uri.UnescapeDataString(secret);
            foreach (var spelling in new[] { secret, unescaped, Uri.EscapeDataString(unescaped) }) redactor.Register(spelling);
        }
    }

    private static string MaskedUserInfo(Match match) =>
        match.Groups["password"].Success ? match.Groups["user"].Value + ":***" : "***";
}
