using Microsoft.Extensions.Hosting;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>
/// An OpenAI-compatible server on loopback (Kestrel) for drills and local load tests. It speaks the wire format
/// of <c>POST /v1/chat/completions</c> and <c>GET /v1/models</c>, checks the bearer key, answers each scenario
/// from its script with OpenAI's real error bodies and headers, and records every request it receives.
/// Requests to <see cref="BaseUrl"/> belong to the default scenario; <see cref="ScenarioBaseUrl"/> gives a base
/// URL per scenario (<c>/scenarios/{name}/v1/...</c>), so a client needs no special header.
/// </summary>
/// <example>
/// <code>
/// await using var stub = await OpenAIStubServer.StartAsync(new OpenAIStubOptions { Latency = TimeSpan.FromMilliseconds(40) }, ct);
/// http.BaseAddress = stub.BaseUrl;  // http://127.0.0.1:PORT/v1/
/// </code>
/// </example>
public sealed class OpenAIStubServer : IAsyncDisposable
{
    private const string ScenarioPrefix = "/scenarios/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly OpenAIStubOptions _options;
    private readonly Random _random;
    private readonly object _gate = new();
    private readonly List<OpenAIStubAttempt> _attempts = [];
    private readonly Dictionary<string, OpenAIStubScriptCursor> _cursors = new(StringComparer.Ordinal);

    private OpenAIStubServer(WebApplication app, OpenAIStubOptions options)
    {
        _app = app;
        _options = options;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        foreach (var (name, script) in options.Scenarios) _cursors[name] = new OpenAIStubScriptCursor(script);
    }

    /// <summary>The root of the stub, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The OpenAI base URL of the default scenario, e.g. <c>http://127.0.0.1:41234/v1/</c>.</summary>
    public Uri BaseUrl => new(Root, "v1/");

    /// <summary>The bearer key the stub accepts (null: any).</summary>
    public string? ApiKey => _options.ApiKey;

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<OpenAIStubAttempt> Attempts
    {
        get { lock (_gate) return _attempts.ToArray(); }
    }

    /// <summary>Starts the stub and returns once Kestrel listens.</summary>
    public static async Task<OpenAIStubServer> StartAsync(OpenAIStubOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OpenAIStubOptions();
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var server = new OpenAIStubServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        options.Log?.Debug("OpenAI stub listening on {Root}", server.Root);
        return server;
    }

    /// <summary>The OpenAI base URL of one scenario, e.g. <c>http://127.0.0.1:41234/scenarios/outage/v1/</c>.</summary>
    public Uri ScenarioBaseUrl(string scenario) =>
        string.IsNullOrWhiteSpace(scenario) || scenario.Contains('/')
            ? throw new ArgumentException($"Scenario name '{scenario}' must be non-empty and contain no '/'.", nameof(scenario))
            : new Uri(Root, $"scenarios/{Uri.EscapeDataString(scenario)}/v1/");

    public IReadOnlyList<OpenAIStubAttempt> AttemptsFor(string scenario)
    {
        lock (_gate) return _attempts.Where(a => a.Scenario == scenario).ToArray();
    }

    /// <summary>Replaces a scenario's script (and restarts it), e.g. to heal an outage from the outside.</summary>
    public void SetScript(string scenario, OpenAIStubScript script)
    {
        lock (_gate) _cursors[scenario] = new OpenAIStubScriptCursor(script);
    }

    public async ValueTask DisposeAsync()
    {
        // A stalled request must not hold the shutdown: give in-flight answers a short grace period.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (scenario, path) = SplitScenario(context.Request.Path.Value ?? "/");
        var endpoint = (context.Request.Method, path) switch
        {
            ("POST", "/v1/chat/completions") => Endpoint.ChatCompletions,
            ("GET", "/v1/models") => Endpoint.Models,
            _ => Endpoint.Unknown,
        };
        var requestId = NewRequestId();
        var now = _options.Clock.GetUtcNow();
        var keyAccepted = _options.ApiKey is null || context.Request.Headers.Authorization.ToString() == $"Bearer {_options.ApiKey}";

        OpenAIStubStep step;
        if (endpoint == Endpoint.Unknown) step = OpenAIStubStep.Fail(UnknownUrl(context.Request.Method, path));
        else if (!keyAccepted) step = OpenAIStubStep.Fail(OpenAIErrorCatalog.InvalidApiKey);
        else step = Cursor(scenario).Next(now);

        var status = step.Kind switch
        {
            OpenAIStubAnswerKind.Error => step.Error!.Status,
            OpenAIStubAnswerKind.Drop => 0,
            _ => 200,
        };
        var attempt = Record(scenario, context.Request.Method, path, now, status, step, requestId, keyAccepted);
        _options.Log?.Debug("OpenAI stub #{Sequence} {Scenario} {Method} {Path}: {Answer}",
            attempt.Sequence, scenario, attempt.Method, path, attempt.Answer);

        var body = endpoint == Endpoint.ChatCompletions ? await ReadBodyAsync(context) : null;
        var aborted = context.RequestAborted;
        try
        {
            switch (step.Kind)
            {
                case OpenAIStubAnswerKind.Drop:
                    context.Abort();
                    return;
                case OpenAIStubAnswerKind.Error:
                    await WriteAsync(context, step.Error!.Status, step.Error.Headers, step.Error.Body, requestId, aborted);
                    return;
                case OpenAIStubAnswerKind.Garbage:
                    await WriteAsync(context, 200, new Dictionary<string, string> { ["content-type"] = "text/html" },
                        "<html><body><h1>Welcome to nginx!</h1></body></html>", requestId, aborted);
                    return;
                case OpenAIStubAnswerKind.Stall:
                    await Task.Delay(step.StallFor, _options.Clock, aborted);
                    break;
                default:
                    await Task.Delay(NextLatency(), _options.Clock, aborted);
                    break;
            }
            var success = endpoint == Endpoint.Models ? ModelList() : ChatCompletion(body, requestId);
            await WriteAsync(context, 200, RateLimitHeaders, success, requestId, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (its attempt timeout); the attempt is already recorded.
        }
    }

    private static readonly IReadOnlyDictionary<string, string> RateLimitHeaders = new Dictionary<string, string>
    {
        ["x-ratelimit-limit-requests"] = "10000",
        ["x-ratelimit-remaining-requests"] = "9999",
        ["x-ratelimit-reset-requests"] = "6ms",
        ["x-ratelimit-limit-tokens"] = "200000",
        ["x-ratelimit-remaining-tokens"] = "199950",
        ["x-ratelimit-reset-tokens"] = "15ms",
    };

    private enum Endpoint { Unknown, ChatCompletions, Models }

    private static (string Scenario, string Path) SplitScenario(string path)
    {
        if (!path.StartsWith(ScenarioPrefix, StringComparison.Ordinal)) return (OpenAIStubOptions.DefaultScenario, path);
        var rest = path[ScenarioPrefix.Length..];
        var slash = rest.IndexOf('/');
        return slash <= 0 ? (Uri.UnescapeDataString(rest), "/") : (Uri.UnescapeDataString(rest[..slash]), rest[slash..]);
    }

    private OpenAIStubScriptCursor Cursor(string scenario)
    {
        lock (_gate)
        {
            if (!_cursors.TryGetValue(scenario, out var cursor))
                _cursors[scenario] = cursor = new OpenAIStubScriptCursor(OpenAIStubScript.Empty);
            return cursor;
        }
    }

    private OpenAIStubAttempt Record(string scenario, string method, string path, DateTimeOffset now, int status, OpenAIStubStep step, string requestId, bool keyAccepted)
    {
        lock (_gate)
        {
            var attempt = new OpenAIStubAttempt(_attempts.Count + 1, scenario, method, path, now, status, step.Kind,
                keyAccepted ? step.Describe() : "401 invalid_api_key (wrong or missing bearer key)", requestId, keyAccepted);
            _attempts.Add(attempt);
            return attempt;
        }
    }

    private TimeSpan NextLatency()
    {
        if (_options.LatencyJitter == TimeSpan.Zero) return _options.Latency;
        double unit;
        lock (_random) unit = _random.NextDouble() * 2 - 1;
        var latency = _options.Latency + _options.LatencyJitter * unit;
        return latency < TimeSpan.Zero ? TimeSpan.Zero : latency;
    }

    private string NewRequestId()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_random) _random.NextBytes(bytes);
        return "req_" + Convert.ToHexStringLower(bytes);
    }

    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, IReadOnlyDictionary<string, string> headers, string body,
        string requestId, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-request-id"] = requestId;
        context.Response.Headers["openai-version"] = "2020-10-01";
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(body, Encoding.UTF8, cancellationToken);
    }

    private string ModelList() => JsonSerializer.Serialize(new
    {
        @object = "list",
        data = _options.Models.Select(m => new { id = m, @object = "model", created = 1715367049, owned_by = "system" }),
    }, Json);

    private string ChatCompletion(JsonElement? request, string requestId)
    {
        var model = request is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : _options.Models[0];
        return JsonSerializer.Serialize(new
        {
            id = "chatcmpl-" + requestId[4..],
            @object = "chat.completion",
            created = _options.Clock.GetUtcNow().ToUnixTimeSeconds(),
            model,
            choices = new[]
            {
                new { index = 0, message = new { role = "assistant", content = "This is a stub answer from Pipeline's OpenAI stub." }, finish_reason = "stop" },
            },
            usage = new { prompt_tokens = 12, completion_tokens = 11, total_tokens = 23 },
        }, Json);
    }

    private static OpenAIErrorFixture UnknownUrl(string method, string path) => new(
        "unknown_url", 404, new Dictionary<string, string>(),
        JsonSerializer.Serialize(new
        {
            error = new { message = $"Invalid URL ({method} {path})", type = "invalid_request_error", param = (string?)null, code = (string?)null },
        }));
}
