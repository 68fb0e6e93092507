using System.Text.RegularExpressions;

namespace Pipeline.Perf.Reporting;

/// <summary>Masks credentials in a URL before it is shown: the password of user info and key/token-like query values.</summary>
public static partial class TargetUrlMask
{
    public static string Mask(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "not recorded";
        var masked = UserInfo().Replace(url, m => $"{m.Groups["scheme"].Value}{m.Groups["user"].Value}:***@");
        masked = SecretQuery().Replace(masked, m => $"{m.Groups["key"].Value}=***");
        return Pipeline.Core.Redaction.SecretRedactor.Global.Redact(masked);
    }

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?<user>[^:/@\s]*):[^@/\s]*@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<key>(?:api[_-]?key|apikey|key|token|access_token|secret|password|sig|signature))=[^&#\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();
}
