using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>The API under test: its base URL and the bearer token sent with every request (never logged).</summary>
internal sealed record LoadTarget(Uri BaseUri, string? Token = null)
{
    /// <summary>
    /// The absolute URI of an endpoint path: the base URL followed by the path, as k6's <c>${BASE_URL}${path}</c>.
    /// Never resolved as a relative reference (that lets an absolute URI in the path win); the result is
    /// checked to be on the base URL's origin, below its path, before anything is sent to it.
    /// </summary>
    public Uri UriFor(string path)
    {
        if (EndpointPath.Problem(path) is { } problem) throw new ScenarioException($"Endpoint path '{path}' {problem}.");
        var basePath = BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (!Uri.TryCreate(basePath + path, UriKind.Absolute, out var uri) || !IsSameOrigin(uri)
            || !uri.AbsolutePath.StartsWith(BaseUri.AbsolutePath.TrimEnd('/') + "/", StringComparison.Ordinal))
            throw new ScenarioException($"Endpoint path '{path}' does not stay below the base URL {BaseUri}; write a path such as /api/v1/chat.");
        return uri;
    }

    /// <summary>Same scheme, host and port as the base URL: the only origin that may see the token.</summary>
    public bool IsSameOrigin(Uri uri) =>
        uri.IsAbsoluteUri && Uri.Compare(uri, BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    public override string ToString() => BaseUri.ToString();
}
