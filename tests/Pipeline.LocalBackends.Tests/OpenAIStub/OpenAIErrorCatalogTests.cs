using System.Text.Json.Nodes;
using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.LocalBackends.Tests.OpenAIStub;

public sealed class OpenAIErrorCatalogTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "openai", "errors.json");

    [Fact]
    public void The_catalogue_holds_every_entry_of_the_embedded_fixture()
    {
        var fixture = JsonNode.Parse(File.ReadAllText(FixturePath))!.AsObject();
        var embedded = JsonNode.Parse(OpenAIErrorCatalog.Json())!.AsObject();

        Assert.True(JsonNode.DeepEquals(fixture, embedded), "The embedded resource is not tests/fixtures/openai/errors.json: rebuild Pipeline.Resilience.");
        Assert.Equal(embedded.Select(e => e.Key).Order(), OpenAIErrorCatalog.All.Keys.Order());
        foreach (var (name, entry) in embedded)
        {
            var fixtureCase = OpenAIErrorCatalog.Get(name);
            Assert.Equal(entry!["status"]!.GetValue<int>(), fixtureCase.Status);
            Assert.Equal(entry["headers"]!.AsObject().Count, fixtureCase.Headers.Count);
            Assert.True(JsonNode.DeepEquals(entry["body"], JsonNode.Parse(fixtureCase.Body)), $"{name}: the body differs from the resource's.");
        }
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
