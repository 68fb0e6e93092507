using System.Collections.Frozen;
using System.Text.Json;

namespace Pipeline.LocalBackends.OpenAIStub;

/// <summary>
/// OpenAI's real error answers (status, headers, body), by case. The text is <c>tests/fixtures/openai/errors.json</c>,
/// embedded in this assembly at build time because the stub runs outside the test tree (drills, the P95 reference
/// API): the fixture is the only copy.
/// </summary>
public static class OpenAIErrorCatalog
{
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string InsufficientQuota = "insufficient_quota";
    public const string InsufficientQuotaNewerCode = "insufficient_quota_newer_code";
    public const string InvalidApiKey = "invalid_api_key";
    public const string ServerError = "server_error";
    public const string Overloaded = "overloaded";

    /// <summary>The manifest name of the embedded fixture (see Pipeline.Resilience.csproj).</summary>
    internal const string ResourceName = "Pipeline.LocalBackends.OpenAIStub.errors.json";

    /// <summary>The fixture's text, as embedded in this assembly.</summary>
    internal static string Json()
    {
        using var stream = typeof(OpenAIErrorCatalog).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(OpenAIErrorCatalog).Assembly.GetName().Name}: rebuild the library.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly FrozenDictionary<string, OpenAIErrorFixture> Fixtures = Parse(Json());

    /// <summary>Every case, by name (<see cref="RateLimitExceeded"/>, <see cref="InsufficientQuota"/>...).</summary>
    public static IReadOnlyDictionary<string, OpenAIErrorFixture> All => Fixtures;

    public static OpenAIErrorFixture Get(string name) =>
        Fixtures.TryGetValue(name, out var fixture)
            ? fixture
            : throw new ArgumentException($"No OpenAI error case named '{name}'. Known cases: {string.Join(", ", Fixtures.Keys.Order())}.", nameof(name));

    internal static FrozenDictionary<string, OpenAIErrorFixture> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var fixtures = new Dictionary<string, OpenAIErrorFixture>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var headers = entry.Value.GetProperty("headers").EnumerateObject()
                .ToDictionary(h => h.Name, h => h.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
            fixtures[entry.Name] = new OpenAIErrorFixture(
                entry.Name,
                entry.Value.GetProperty("status").GetInt32(),
                headers,
                entry.Value.GetProperty("body").GetRawText());
        }
        return fixtures.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
