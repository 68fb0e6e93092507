using System.Net;
using System.Text;
using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.Resilience.Tests.OpenAI;

/// <summary>An in-memory HTTP handler answering from a list (then 200), recording when each request arrived by a (fake) clock.</summary>
internal sealed class ScriptedHandler(TimeProvider clock, params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] answers)
    : HttpMessageHandler
{
    private int _next;

    public List<(DateTimeOffset At, HttpRequestMessage Request)> Requests { get; } = [];

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fixture(OpenAIErrorFixture fixture) =>
        (_, _) => Task.FromResult(Response(fixture.Status, fixture.Body, fixture.Headers));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Fixture(string errorCase) =>
        Fixture(OpenAIErrorCatalog.Get(errorCase));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Ok() =>
        (_, _) => Task.FromResult(Response(200, """{"object":"list","data":[]}""", new Dictionary<string, string> { ["x-request-id"] = "req_ok" }));

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Refused() =>
        (_, _) => throw new HttpRequestException("Connection refused (127.0.0.1:9)");

    /// <summary>Never answers; only the caller's token (the attempt timeout) ends it.</summary>
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang(TimeProvider clock) =>
        async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, clock, ct);
            throw new InvalidOperationException("unreachable");
        };

    public static HttpResponseMessage Response(int status, string body, IReadOnlyDictionary<string, string> headers, string mediaType = "application/json")
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((clock.GetUtcNow(), request));
        var index = _next++;
        return index < answers.Length ? answers[index](request, cancellationToken) : Ok()(request, cancellationToken);
    }
}
