using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Pipeline.Core.Tools;
using Pipeline.Perf.Load;
using Serilog;

namespace Pipeline.Perf.Tests.Load;

public sealed class ReferenceApiProcessTests(LocalBackendsFixture fixture) : IClassFixture<LocalBackendsFixture>
{
    private const string Token = "reference-api-test-token";
    private static readonly ILogger Log = new LoggerConfiguration().CreateLogger();

    private Task<ReferenceApiProcess> StartAsync() => ReferenceApiProcess.StartAsync(
        new ReferenceApiLaunch(fixture.Backends.DatabaseUrl, fixture.Backends.OpenAIBaseUrl, fixture.Backends.OpenAIKey, Token),
        new ToolRunner(Log), Log);

    private static HttpRequestMessage Post(Uri uri, string json, string? token = Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Chat_queries_postgres_and_the_openai_stub_and_sync_jobs_insert_a_row()
    {
        await using var api = await StartAsync();
        using var client = new HttpClient();

        using var chat = await client.SendAsync(Post(new Uri(api.BaseUri, "api/v1/chat"), """{"message":"status?","workspace_id":"ws-perf"}"""));
        using var job = await client.SendAsync(Post(new Uri(api.BaseUri, "api/v1/sync-jobs"), """{"source":"drive","workspace_id":"ws-test"}"""));

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        using var chatBody = JsonDocument.Parse(await chat.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(chatBody.RootElement.GetProperty("answer").GetString()));
        Assert.Equal(3, chatBody.RootElement.GetProperty("sources").GetArrayLength());
        Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
        var id = JsonDocument.Parse(await job.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        await using var connection = new NpgsqlConnection(fixture.Backends.DatabaseUrl);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT workspace_id FROM reference_sync_jobs WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
        Assert.Equal("ws-test", await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Requests_without_the_bearer_token_are_refused()
    {
        await using var api = await StartAsync();
        using var client = new HttpClient();

        using var none = await client.SendAsync(Post(new Uri(api.BaseUri, "api/v1/chat"), "{}", token: null));
        using var wrong = await client.SendAsync(Post(new Uri(api.BaseUri, "api/v1/sync-jobs"), "{}", token: "not-the-token"));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Metrics_expose_a_fine_histogram_per_endpoint_that_counts_requests()
    {
        await using var api = await StartAsync();
        using var client = new HttpClient();
        var before = await client.GetStringAsync(api.MetricsUri);
        for (var i = 0; i < 3; i++) (await client.SendAsync(Post(new Uri(api.BaseUri, "api/v1/sync-jobs"), "{}"))).Dispose();

        var after = await client.GetStringAsync(api.MetricsUri);

        Assert.Contains("pipeline_http_server_request_duration_seconds_count{endpoint=\"sync-jobs\",method=\"POST\",status=\"202\"} 0", before);
        Assert.Contains("pipeline_http_server_request_duration_seconds_count{endpoint=\"sync-jobs\",method=\"POST\",status=\"202\"} 3", after);
        // Fine buckets: between 10 ms and 2 s no bucket is more than 10 % wider than the previous bound.
        var bounds = System.Text.RegularExpressions.Regex.Matches(after, @"_bucket\{endpoint=""chat"",method=""POST"",status=""200"",le=""([0-9.e+-]+)""\}")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(bounds.Length > 60, $"{bounds.Length} buckets");
        Assert.True(bounds.First() <= 0.01 && bounds.Last() >= 2);
        Assert.All(bounds.Zip(bounds.Skip(1)).Where(p => p.First >= 0.01 && p.Second <= 2), p => Assert.InRange(p.Second / p.First, 1.0001, 1.1));
    }

    [Fact]
    public async Task Disposing_stops_the_process()
    {
        var api = await StartAsync();
        var port = api.BaseUri.Port;

        await api.DisposeAsync();

        await Assert.ThrowsAsync<LoadTargetUnreachableException>(() => LoadTargetProbe.EnsureReachableAsync(new Uri($"http://127.0.0.1:{port}"), TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_a_clear_start_failure()
    {
        var launch = new ReferenceApiLaunch($"Host=127.0.0.1;Port={BuiltInLoadEngineTests.FreePort()};Username=x;Password=y;Timeout=3",
            fixture.Backends.OpenAIBaseUrl, fixture.Backends.OpenAIKey, Token);

        var error = await Assert.ThrowsAsync<ToolException>(() => ReferenceApiProcess.StartAsync(launch, new ToolRunner(Log), Log));

        Assert.Contains("reference API", error.Message);
        Assert.Contains("could not start", error.Message);
    }
}
