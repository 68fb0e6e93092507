using System.Collections.Frozen;
using System.Text.Json;

namespace Pipeline.Resilience.OpenAI.Stub;

/// <summary>
/// OpenAI's real error answers (status, headers, body), by case. The text is a copy of
/// <c>tests/fixtures/openai/errors.json</c> kept inside the library, because the stub runs outside the test
/// tree (drills, the P95 reference API); a test fails when the two copies drift apart.
/// </summary>
public static class OpenAIErrorCatalog
{
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string InsufficientQuota = "insufficient_quota";
    public const string InsufficientQuotaNewerCode = "insufficient_quota_newer_code";
    public const string InvalidApiKey = "invalid_api_key";
    public const string ServerError = "server_error";
    public const string Overloaded = "overloaded";

    internal const string Json = """
{
  "rate_limit_exceeded": {"status": 429, "headers": {"retry-after": "2", "retry-after-ms": "1574", "x-ratelimit-limit-tokens": "200000", "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "1.574s"},
    "body": {"error": {"message": "Rate limit reached for gpt-4o-mini in organization org-XXXX on tokens per min (TPM): Limit 200000, Used 162960, Requested 42288. Please try again in 1.574s. Visit https://platform.openai.com/account/rate-limits to learn more.", "type": "tokens", "param": null, "code": "rate_limit_exceeded"}}},
  "insufficient_quota": {"status": 429, "headers": {},
    "body": {"error": {"message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}},
  "insufficient_quota_newer_code": {"status": 429, "headers": {},
    "body": {"error": {"message": "You exceeded your current quota, please check your plan and billing details.", "type": "insufficient_quota", "param": null, "code": "credit_balance_exhausted"}}},
  "invalid_api_key": {"status": 401, "headers": {},
    "body": {"error": {"message": "Incorrect API key provided: sk-proj-****************************abcd. You can find your API key at https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}},
  "server_error": {"status": 500, "headers": {},
    "body": {"error": {"message": "The server had an error while processing your request. Sorry about that!", "type": "server_error", "param": null, "code": null}}},
  "overloaded": {"status": 503, "headers": {},
    "body": {"error": {"message": "The engine is currently overloaded, please try again later", "type": "server_error", "param": null, "code": null}}}
}
""";

    private static readonly FrozenDictionary<string, OpenAIErrorFixture> Fixtures = Parse(Json);

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
