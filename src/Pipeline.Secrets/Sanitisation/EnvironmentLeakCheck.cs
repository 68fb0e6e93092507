using System.Text.RegularExpressions;
using Pipeline.Core.Redaction;

namespace Pipeline.Secrets.Sanitisation;

/// <summary>
/// Finds values of secret-named environment variables (…_KEY, …TOKEN, …SECRET, …PASSWORD, DATABASE_URL…)
/// written in clear into log and artifact files: the check pattern rules cannot do, since such a value may
/// have any shape. The values are registered with the redactor first; only variable names are reported.
/// </summary>
internal static partial class EnvironmentLeakCheck
{
    public const int MinimumValueLength = 8;

    [GeneratedRegex(@"(?i)(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?|DSN|DATABASE_URL|CONNECTION_STRING)(?:$|_)")]
    private static partial Regex SecretName();

    // Variables whose values are paths or settings, never credentials, even though the name matches.
    private static readonly HashSet<string> NotSecrets = new(StringComparer.OrdinalIgnoreCase) { "PWD", "OLDPWD", "GPG_KEY", "SSH_AUTH_SOCK" };

    /// <summary>The secret-named variables with values long enough to be credentials.</summary>
    public static IReadOnlyDictionary<string, string> SecretVariables(IReadOnlyDictionary<string, string> environment) =>
        environment.Where(e => SecretName().IsMatch(e.Key) && !NotSecrets.Contains(e.Key) && e.Value.Trim().Length >= MinimumValueLength)
            .ToDictionary(e => e.Key, e => e.Value.Trim());

    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "");

    /// <summary>Every (variable, file) where the variable's value appears in clear.</summary>
    public static IReadOnlyList<(string Variable, string File)> FindLeaks(IReadOnlyDictionary<string, string> secrets,
        IEnumerable<(string Path, string Display)> files, SecretRedactor redactor, long maxFileBytes)
    {
        foreach (var value in secrets.Values) redactor.Register(value);
        var leaks = new List<(string, string)>();
        if (secrets.Count == 0) return leaks;
        foreach (var (path, display) in files)
        {
            string text;
            try
            {
                if (new FileInfo(path).Length > maxFileBytes) continue;
                text = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException) { continue; }
            foreach (var (name, value) in secrets)
                if (text.Contains(value, StringComparison.Ordinal)) leaks.Add((name, display));
        }
        return leaks;
    }
}
