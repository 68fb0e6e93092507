using System.Text.RegularExpressions;

namespace Pipeline.Perf.Scenario;

/// <summary>
/// What a scenario endpoint's <c>path</c> may be: a path (and query) below the base URL, nothing else. Requests
/// carry the bearer token, so a path that could name another host (<c>/http://other/…</c>, <c>//other/…</c>,
/// <c>\\other</c>) or climb out of the base path (<c>/../</c>) is refused, not resolved.
/// </summary>
public static partial class EndpointPath
{
    /// <summary>Why <paramref name="path"/> is not a path below the base URL, or null when it is one.</summary>
    public static string? Problem(string path)
    {
        if (!path.StartsWith('/')) return "must start with '/' (it is appended to the base URL)";
        if (path.StartsWith("//", StringComparison.Ordinal)) return "starts with '//', which names another host; write a path such as /api/v1/chat";
        if (path.Contains('\\')) return "contains '\\'; write a path with '/' only";
        if (path.Any(c => char.IsControl(c) || c == ' ')) return "contains spaces or control characters; percent-encode them";
        if (path.Contains('#')) return "contains '#'; a fragment is never sent to the server";
        var pathPart = path.Split('?', 2)[0];
        if (SchemeLike().IsMatch(pathPart)) return "contains a URL with a scheme (such as http://); only a path below the base URL is allowed, the host comes from --base-url";
        if (pathPart.Split('/').Any(segment => segment is ".." or "." || segment.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase)))
            return "contains a '.' or '..' segment; write the path below the base URL without them";
        return null;
    }

    /// <summary>A first segment that a URI parser would read as a scheme (<c>/http:</c>, <c>/javascript:</c>), or a "://" in the path.</summary>
    [GeneratedRegex(@"^/[A-Za-z][A-Za-z0-9+.\-]*:|://")]
    private static partial Regex SchemeLike();
}
