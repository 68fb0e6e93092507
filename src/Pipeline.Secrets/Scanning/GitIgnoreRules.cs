using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Secrets.Scanning;

/// <summary>
/// The patterns of one .gitignore file, with git's semantics: patterns without a slash match a name at any
/// depth, a leading slash or inner slash anchors to the file's folder, a trailing slash matches folders only,
/// <c>*</c>/<c>?</c> stop at slashes, <c>**</c> crosses them, <c>!</c> re-includes. The last matching pattern wins.
/// </summary>
internal sealed class GitIgnoreRules
{
    private readonly List<(Regex Pattern, bool Negated, bool DirectoryOnly)> _patterns = [];

    /// <param name="baseDirectory">The folder of the .gitignore file, relative to the scan root ("" for the root).</param>
    public GitIgnoreRules(string baseDirectory, IEnumerable<string> lines)
    {
        BaseDirectory = baseDirectory.Trim('/');
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (!line.EndsWith("\\ ", StringComparison.Ordinal)) line = line.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var negated = line.StartsWith('!');
            if (negated) line = line[1..];
            if (line.StartsWith("\\#", StringComparison.Ordinal) || line.StartsWith("\\!", StringComparison.Ordinal)) line = line[1..];
            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0) continue;
            var anchored = line.Contains('/');
            line = line.TrimStart('/');
            var regex = (anchored ? "^" : "^(?:.*/)?") + Translate(line) + "$";
            _patterns.Add((new Regex(regex, RegexOptions.CultureInvariant), negated, directoryOnly));
        }
    }

    public string BaseDirectory { get; }

    public static GitIgnoreRules Load(string file, string baseDirectory) => new(baseDirectory, File.ReadLines(file));

    /// <summary>null when no pattern speaks about the path, else whether it is ignored.</summary>
    public bool? Decide(string relativePath, bool isDirectory)
    {
        string local;
        if (BaseDirectory.Length == 0) local = relativePath;
        else if (relativePath.StartsWith(BaseDirectory + "/", StringComparison.Ordinal)) local = relativePath[(BaseDirectory.Length + 1)..];
        else return null;

        bool? decision = null;
        foreach (var (pattern, negated, directoryOnly) in _patterns)
        {
            if (directoryOnly && !isDirectory) continue;
            if (pattern.IsMatch(local)) decision = !negated;
        }
        return decision;
    }

    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else if (c == '[')
            {
                var end = glob.IndexOf(']', i + 1);
                if (end < 0) { regex.Append(@"\["); continue; }
                var body = glob[(i + 1)..end].Replace("\\", "\\\\");
                if (body.StartsWith('!')) body = "^" + body[1..];
                regex.Append('[').Append(body).Append(']');
                i = end;
            }
            else if (c == '\\' && i + 1 < glob.Length) regex.Append(Regex.Escape(glob[++i].ToString()));
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.ToString();
    }
}
