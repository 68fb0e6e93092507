using System.Text.Json.Nodes;
using Pipeline.Resilience.OpenAI.Stub;

namespace Pipeline.Resilience.Tests.OpenAI.Stub;

public sealed class OpenAIErrorCatalogTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "openai", "errors.json");

    [Fact]
    public void Embedded_copy_matches_the_shared_fixture_file()
    {
        var fixture = JsonNode.Parse(File.ReadAllText(FixturePath));
        var embedded = JsonNode.Parse(OpenAIErrorCatalog.Json);

        Assert.True(JsonNode.DeepEquals(fixture, embedded),
            "src/Pipeline.Resilience/OpenAI/Stub/OpenAIErrorCatalog.cs no longer matches tests/fixtures/openai/errors.json: copy the fixture into the catalogue.");
    }

    [Fact]
    public void Every_case_has_its_status_headers_and_error_body()
    {
        Assert.Equal(6, OpenAIErrorCatalog.All.Count);
        var rateLimit = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded);
        Assert.Equal(429, rateLimit.Status);
        Assert.Equal("1574", rateLimit.Headers["Retry-After-Ms"]);
        Assert.Contains("\"code\": \"rate_limit_exceeded\"", rateLimit.Body);
        Assert.Equal(401, OpenAIErrorCatalog.Get(OpenAIErrorCatalog.InvalidApiKey).Status);
        Assert.Equal(503, OpenAIErrorCatalog.Get(OpenAIErrorCatalog.Overloaded).Status);
    }

    [Fact]
    public void Unknown_case_names_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => OpenAIErrorCatalog.Get("nope"));
        Assert.Contains("insufficient_quota", error.Message);
    }

    [Fact]
    public void WithHeaders_replaces_and_WithoutHeaders_removes()
    {
        var original = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded);
        var changed = original.WithHeaders(("retry-after-ms", "200")).WithoutHeaders("retry-after");

        Assert.Equal("200", changed.Headers["retry-after-ms"]);
        Assert.False(changed.Headers.ContainsKey("retry-after"));
        Assert.Equal("1574", original.Headers["retry-after-ms"]);
    }
}
