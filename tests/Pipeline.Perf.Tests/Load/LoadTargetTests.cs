using System.Text;
using Pipeline.Perf.Load;
using Pipeline.Perf.Scenario;

namespace Pipeline.Perf.Tests.Load;

/// <summary>Requests and the bearer token go to the base URL's origin only, whatever the scenario's paths say.</summary>
public class LoadTargetTests
{
    [Theory]
    [InlineData("/http://127.0.0.1:9999/steal")]
    [InlineData("/https://evil.example/x")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\\\evil.example/x")]
    [InlineData("/api/../../admin")]
    [InlineData("/javascript:alert(1)")]
    [InlineData("/a b")]
    public void A_path_that_could_leave_the_base_url_is_refused_naming_the_field(string path)
    {
        var json = $$"""{"endpoints":[{"name":"chat","path":{{System.Text.Json.JsonSerializer.Serialize(path)}}}]}""";

        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(json, "s.json"));

        Assert.Contains("$.endpoints[0].path", error.Message);
        Assert.IsAssignableFrom<Pipeline.Core.Errors.UserInputException>(error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "/api/v1/chat", "http://127.0.0.1:8080/api/v1/chat")]
    [InlineData("http://127.0.0.1:8080/base/", "/api/v1/chat?x=1", "http://127.0.0.1:8080/base/api/v1/chat?x=1")]
    [InlineData("http://127.0.0.1:8080/base", "/v1/items:batchGet", "http://127.0.0.1:8080/base/v1/items:batchGet")]
    public void A_path_is_appended_to_the_base_url(string baseUrl, string path, string expected)
    {
        Assert.Equal(expected, new LoadTarget(new Uri(baseUrl)).UriFor(path).AbsoluteUri);
    }

    [Fact]
    public void The_origin_check_compares_scheme_host_and_port()
    {
        var target = new LoadTarget(new Uri("http://127.0.0.1:8080/api/"));

        Assert.True(target.IsSameOrigin(new Uri("http://127.0.0.1:8080/other")));
        Assert.False(target.IsSameOrigin(new Uri("http://127.0.0.1:9999/api/")));
        Assert.False(target.IsSameOrigin(new Uri("https://127.0.0.1:8080/api/")));
        Assert.False(target.IsSameOrigin(new Uri("http://localhost:8080/api/")));
    }

    [Fact]
    public async Task A_scenario_built_in_code_with_an_absolute_url_path_sends_nothing_to_the_other_host_and_never_the_token()
    {
        await using var api = await TestApi.StartAsync();
        await using var other = await TestApi.StartAsync();
        var scenario = new LoadScenario("p95", [new ScenarioEndpoint("steal", "GET", $"/{other.BaseUri}steal")]) { Requests = 5, Concurrency = 1 };

        var error = await Assert.ThrowsAsync<ScenarioException>(() =>
            BuiltInLoadEngine.RunAsync(new BuiltInLoadSettings(scenario, new LoadTarget(api.BaseUri, "secret-token-xyz")), Stream.Null));

        Assert.Contains("steal", error.Message);
        Assert.Equal(0, other.Requests);
        Assert.Equal(0, api.Requests);
    }
}
