using System.Text.RegularExpressions;

namespace Pipeline.Core.Redaction;

/// <summary>
/// The userinfo of a URL (<c>scheme://user:password@host</c>) is a credential: the password, or the user name alone
/// when there is no password (<c>https://ghp_token@host</c>). It is shown as <c>user:***@</c> (or <c>***@</c>).
/// The userinfo runs to the LAST <c>@</c> before the path, so an unescaped <c>@</c> in the user name or password
/// (<c>https://me@corp.com:pass@host</c>) cannot push the password past the mask; it splits at the first <c>:</c>.
/// The value of a secret-looking query key (<c>?api_key=</c>, <c>&amp;token=</c>, <c>client_secret=</c>, <c>sig=</c>...)
/// is a credential too and is shown as <c>key=***</c>. This is the one URL masker of the build.
/// </summary>
public static partial class UrlCredentials
{
    // Greedy up to the last '@' of the authority (nothing after "://" but '/', '?', '#' or whitespace ends it).
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)(?<userinfo>[^/?#\s]*)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    // A query key that names a key, token, secret, password or signature (api_key, apikey, access_token, X-Amz-Signature).
    [GeneratedRegex(@"(?<=[?&;])(?<key>[A-Za-z0-9_.\-]*(?:key|token|secret|password|passwd|pwd|sig|signature))=(?<value>[^&#\s]+)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();

    /// <summary>The text with the credential of every URL in it (userinfo and secret query values) masked.</summary>
    public static string Mask(string text)
    {
        var masked = UserInfo().Replace(text, m => m.Groups["scheme"].Value + MaskedUserInfo(m) + "@");
        return SecretQueryValue().Replace(masked, m => m.Groups["key"].Value + "=***");
    }

    /// <summary>
    /// Registers every URL credential in the text so that it is masked wherever it is printed afterwards: the
    /// <c>://userinfo@</c> run (long enough to mask even a short password, shown as <c>://user:***@</c>) and
    /// the secret part alone (for messages that print it apart from its URL); likewise <c>key=value</c> (shown as
    /// <c>key=***</c>) and the value alone of every secret-looking query key.
    /// </summary>
    public static void Register(SecretRedactor redactor, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (Match match in UserInfo().Matches(text))
        {
            var (_, password) = Split(match);
            var secret = password ?? match.Groups["userinfo"].Value;
            if (secret.Length == 0) continue;
            redactor.Register("://" + match.Groups["userinfo"].Value + "@", "://" + MaskedUserInfo(match) + "@");
            RegisterSpellings(redactor, secret);
        }
        foreach (Match match in SecretQueryValue().Matches(text))
        {
            var key = match.Groups["key"].Value;
            redactor.Register(match.Value, key + "=***");
            RegisterSpellings(redactor, match.Groups["value"].Value);
        }
    }

    // As typed, unescaped (what a client sends) and escaped (what Uri prints).
    private static void RegisterSpellings(SecretRedactor redactor, string secret)
    {
        var unescaped = Uri.UnescapeDataString(secret);
        foreach (var spelling in new[] { secret, unescaped, Uri.EscapeDataString(unescaped) }) redactor.Register(spelling);
    }

    private static (string User, string? Password) Split(Match match)
    {
        var userInfo = match.Groups["userinfo"].Value;
        var colon = userInfo.IndexOf(':');
        return colon < 0 ? (userInfo, null) : (userInfo[..colon], userInfo[(colon + 1)..]);
    }

    private static string MaskedUserInfo(Match match) => Split(match) is (var user, not null) ? user + ":***" : "***";
}
