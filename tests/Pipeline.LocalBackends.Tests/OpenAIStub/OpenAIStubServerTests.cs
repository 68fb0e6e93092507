using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.LocalBackends.Tests.OpenAIStub;

public sealed class OpenAIStubServerTests
{
    private static HttpClient Client(Uri baseUrl, string? key = OpenAIStubOptions.DefaultApiKey)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static Task<HttpResponseMessage> Chat(HttpClient http, CancellationToken ct = default) =>
        http.PostAsync("chat/completions", new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"), ct);

    [Fact]
    public async Task Listens_on_loopback_and_answers_models_and_chat_in_OpenAI_format()
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        using var http = Client(stub.BaseUrl);

        Assert.Equal("127.0.0.1", stub.Root.Host);
        Assert.NotEqual(0, stub.Root.Port);
        using var models = await http.GetAsync("models");
        var list = JsonDocument.Parse(await models.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal("gpt-4o-mini", list.GetProperty("data")[0].GetProperty("id").GetString());

        using var chat = await Chat(http);
        var completion = JsonDocument.Parse(await chat.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.Equal("assistant", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("role").GetString());
        Assert.StartsWith("req_", chat.Headers.GetValues("x-request-id").Single());
        Assert.Equal("9999", chat.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sk-wrong-key-000000000000")]
    public async Task Rejects_a_missing_or_wrong_key_with_OpenAIs_401_body(string? key)
    {
        await using var stub = await OpenAIStubServer.StartAsync();
        using var http = Client(stub.BaseUrl, key);

        using var response = await http.GetAsync("models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_api_key", await response.Content.ReadAsStringAsync());
        var attempt = Assert.Single(stub.Attempts);
        Assert.False(attempt.KeyAccepted);
        Assert.Equal(401, attempt.Status);
    }

    [Fact]
    public async Task Answers_a_scenario_from_its_script_with_the_real_headers_then_recovers()
    {
        var rateLimited = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded).WithHeaders(("retry-after-ms", "200"));
        var options = new OpenAIStubOptions
        {
            Scenarios = new Dictionary<string, OpenAIStubScript>
            {
                ["rate-limit"] = OpenAIStubScript.Empty.Then(OpenAIStubStep.Fail(rateLimited).Repeat(2)),
            },
        };
        await using var stub = await OpenAIStubServer.StartAsync(options);
        using var http = Client(stub.ScenarioBaseUrl("rate-limit"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Chat(http);
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                Assert.Equal("200", response.Headers.GetValues("retry-after-ms").Single());
                Assert.Equal("2", response.Headers.GetValues("retry-after").Single());
                Assert.Equal("1.574s", response.Headers.GetValues("x-ratelimit-reset-tokens").Single());
                Assert.Contains("Rate limit reached", await response.Content.ReadAsStringAsync());
            }
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        var attempts = stub.AttemptsFor("rate-limit");
        Assert.Equal([429, 429, 200], attempts.Select(a => a.Status));
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Sequence));
        Assert.All(attempts, a => Assert.Equal("/v1/chat/completions", a.Path));
        Assert.True(attempts[0].ReceivedAt <= attempts[1].ReceivedAt && attempts[1].ReceivedAt <= attempts[2].ReceivedAt);
        Assert.Empty(stub.AttemptsFor(OpenAIStubOptions.DefaultScenario));
    }

    [Fact]
    public async Task A_windowed_step_answers_every_request_inside_the_window_and_heals_after_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var options = new OpenAIStubOptions
        {
            Clock = clock,
            Scenarios = new Dictionary<string, OpenAIStubScript>
            {
                ["outage"] = OpenAIStubScript.Empty.Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.Overloaded).During(TimeSpan.FromSeconds(5))),
            },
        };
        await using var stub = await OpenAIStubServer.StartAsync(options);
        using var http = Client(stub.ScenarioBaseUrl("outage"));

        for (var i = 0; i < 4; i++)
        {
            using var failed = await Chat(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        clock.Advance(TimeSpan.FromSeconds(1));
        using var healed = await Chat(http);

        Assert.Equal(HttpStatusCode.OK, healed.StatusCode);
        Assert.Equal(clock.GetUtcNow(), stub.Attempts[^1].ReceivedAt);
    }

    [Fact]
    public async Task SetScript_replaces_a_scenario_at_run_time()
    {
        var options = new OpenAIStubOptions
        {
            Scenarios = new Dictionary<string, OpenAIStubScript> { ["s"] = OpenAIStubScript.Empty.ThenOtherwise(OpenAIStubStep.Fail(OpenAIErrorCatalog.ServerError)) },
        };
        await using var stub = await OpenAIStubServer.StartAsync(options);
        using var http = Client(stub.ScenarioBaseUrl("s"));

        using var before = await Chat(http);
        stub.SetScript("s", OpenAIStubScript.Empty);
        using var after = await Chat(http);

        Assert.Equal(HttpStatusCode.InternalServerError, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Normal_answers_take_at_least_the_configured_latency()
    {
        await using var stub = await OpenAIStubServer.StartAsync(new OpenAIStubOptions
        {
            Latency = TimeSpan.FromMilliseconds(150), LatencyJitter = TimeSpan.FromMilliseconds(20),
        });
        using var http = Client(stub.BaseUrl);

        var watch = Stopwatch.StartNew();
        using var response = await Chat(http);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(130), $"answered after {watch.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_stall_holds_the_request_past_the_client_timeout_and_is_still_recorded()
    {
        var options = new OpenAIStubOptions
        {
            Scenarios = new Dictionary<string, OpenAIStubScript> { ["slow"] = OpenAIStubScript.Empty.Then(OpenAIStubStep.Stall(TimeSpan.FromSeconds(30))) },
        };
        await using var stub = await OpenAIStubServer.StartAsync(options);
        using var http = Client(stub.ScenarioBaseUrl("slow"));
        using var cancel = new CancellationTokenSource();

        // The client gives up only once the stub holds the request (a fixed client timeout could fire before the
        // request even arrives on a loaded machine, and the next request would then get the stall).
        var stalled = Chat(http, cancel.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (stub.AttemptsFor("slow").Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Single(stub.AttemptsFor("slow"));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
        using var next = await Chat(http);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal([OpenAIStubAnswerKind.Stall, OpenAIStubAnswerKind.Success], stub.AttemptsFor("slow").Select(a => a.Kind));
    }

    [Fact]
    public async Task Garbage_and_dropped_connections_are_scriptable()
    {
        var options = new OpenAIStubOptions
        {
            Scenarios = new Dictionary<string, OpenAIStubScript>
            {
                ["bad"] = OpenAIStubScript.Empty.Then(OpenAIStubStep.Garbage()).Then(OpenAIStubStep.Drop()),
            },
        };
        await using var stub = await OpenAIStubServer.StartAsync(options);
        using var http = Client(stub.ScenarioBaseUrl("bad"));

        using var garbage = await http.GetAsync("models");
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.StartsWith("<html>", await garbage.Content.ReadAsStringAsync());
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("models"));
        Assert.Equal([200, 0], stub.AttemptsFor("bad").Select(a => a.Status));
    }

    [Fact]
    public async Task Unknown_paths_get_OpenAIs_404_and_do_not_consume_the_script()
    {
        var options = new OpenAIStubOptions
        {
            Scenarios = new Dictionary<string, OpenAIStubScript> { ["s"] = OpenAIStubScript.Empty.Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.ServerError)) },
        };
        await using var stub = await OpenAIStubServer.StartAsync(options);
        using var http = Client(stub.ScenarioBaseUrl("s"));

        using var missing = await http.GetAsync("embeddings");
        using var scripted = await Chat(http);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("invalid_request_error", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, scripted.StatusCode);
    }

    [Fact]
    public void Bad_options_are_rejected_with_what_to_do()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new OpenAIStubOptions { Latency = TimeSpan.FromMilliseconds(-1) }.Validate());
        Assert.Contains("negative", error.Message);
        Assert.Throws<ArgumentException>(() => new OpenAIStubOptions
        {
            Scenarios = new Dictionary<string, OpenAIStubScript> { ["a/b"] = OpenAIStubScript.Empty },
        }.Validate());
    }
}
