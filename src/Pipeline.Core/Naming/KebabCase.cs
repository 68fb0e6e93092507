using System.Text;

namespace Pipeline.Core.Naming;

/// <summary>
/// How a build parameter is spelled on the command line: "BaseUrl" -> "base-url", "PgBin" -> "pg-bin";
/// "OpenAI" is one word ("OpenAIApiKey" -> "openai-api-key"). Shared by the target engine and the reports
/// that quote parameters (the secrets rotation table), so both spell them the same way.
/// </summary>
public static class KebabCase
{
    public static string From(string name)
    {
        name = name.Replace("OpenAI", "Openai", StringComparison.Ordinal);
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = i > 0 && char.IsUpper(c) &&
                           (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) ||
                            (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary) builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
