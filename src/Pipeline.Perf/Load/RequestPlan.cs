using System.Text;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Load;

/// <summary>An endpoint prepared once for sending many times: absolute URI, method, body bytes and headers split between request and content.</summary>
internal sealed class RequestPlan
{
    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Content-Type", "Content-Encoding", "Content-Language", "Content-Disposition" };

    /// <summary>Headers never sent to another origin than the base URL's (Go's client drops the same ones on a redirect).</summary>
    private static readonly HashSet<string> Credentials = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie", "Proxy-Authorization", "WWW-Authenticate" };

    private RequestPlan(HttpMethod method, Uri uri, byte[]? body, KeyValuePair<string, string>[] requestHeaders, KeyValuePair<string, string>[] contentHeaders)
    {
        Method = method;
        Uri = uri;
        Body = body;
        RequestHeaders = requestHeaders;
        ContentHeaderValues = contentHeaders;
    }

    public HttpMethod Method { get; }
    public Uri Uri { get; }
    public byte[]? Body { get; }
    public KeyValuePair<string, string>[] RequestHeaders { get; }
    public KeyValuePair<string, string>[] ContentHeaderValues { get; }

    public static RequestPlan For(ScenarioEndpoint endpoint, LoadTarget target)
    {
        var headers = endpoint.Headers.ToList();
        if (!string.IsNullOrEmpty(target.Token) && !headers.Any(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            headers.Add(new("Authorization", "Bearer " + target.Token));
        var body = endpoint.Body is null ? null : Encoding.UTF8.GetBytes(endpoint.Body);
        if (body is not null && !headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            headers.Add(new("Content-Type", "application/json"));
        return new RequestPlan(
            HttpMethod.Parse(endpoint.Method),
            target.UriFor(endpoint.Path),
            body,
            headers.Where(h => !ContentHeaders.Contains(h.Key)).ToArray(),
            body is null ? [] : headers.Where(h => ContentHeaders.Contains(h.Key)).ToArray());
    }

    public HttpRequestMessage CreateRequest() => CreateRequest(Uri, Method, sameOrigin: true);

    /// <summary>
    /// The request for one hop of a redirect chain: the body goes only with the original method (a 301/302/303
    /// turns it into a GET without body, as Go's client and so k6 do), credentials only to the base URL's origin.
    /// </summary>
    public HttpRequestMessage CreateRequest(Uri uri, HttpMethod method, bool sameOrigin)
    {
        var request = new HttpRequestMessage(method, uri);
        foreach (var (name, value) in RequestHeaders)
            if (sameOrigin || !Credentials.Contains(name)) request.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null && method == Method)
        {
            var content = new ByteArrayContent(Body);
            foreach (var (name, value) in ContentHeaderValues) content.Headers.TryAddWithoutValidation(name, value);
            request.Content = content;
        }
        return request;
    }
}
