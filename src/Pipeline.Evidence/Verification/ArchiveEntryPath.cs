namespace Pipeline.Evidence.Verification;

/// <summary>
/// Which entry names are safe to accept (no zip-slip): relative, forward slashes only, no <c>..</c> or
/// <c>.</c> segments, no empty segments, no drive letters, no control characters.
/// </summary>
internal static class ArchiveEntryPath
{
    /// <summary>Null when the name is safe, else why it is not.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrEmpty(name)) return "the name is empty";
        if (name.Any(char.IsControl)) return "the name contains control characters";
        if (name.Contains('\\')) return "the name contains a backslash (a Windows path separator)";
        if (name.StartsWith('/')) return "the name is an absolute path";
        if (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])) return "the name starts with a drive letter";
        var segments = name.TrimEnd('/').Split('/');
        if (segments.Any(s => s == "..")) return "the name climbs out of the archive with '..' (zip-slip)";
        if (segments.Any(s => s.Length == 0 || s == ".")) return "the name has an empty or '.' segment";
        return null;
    }
}
