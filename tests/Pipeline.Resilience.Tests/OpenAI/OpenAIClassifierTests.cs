using System.Net.Sockets;
using Pipeline.Resilience.OpenAI;
using Pipeline.LocalBackends.OpenAIStub;
using Polly.Timeout;

namespace Pipeline.Resilience.Tests.OpenAI;

public sealed class OpenAIClassifierTests
{
    [Theory]
    [InlineData(OpenAIErrorCatalog.RateLimitExceeded, OpenAIOutcomeClass.RateLimited)]
    [InlineData(OpenAIErrorCatalog.InsufficientQuota, OpenAIOutcomeClass.QuotaExhausted)]
    [InlineData(OpenAIErrorCatalog.InsufficientQuotaNewerCode, OpenAIOutcomeClass.QuotaExhausted)]
    [InlineData(OpenAIErrorCatalog.InvalidApiKey, OpenAIOutcomeClass.AuthRejected)]
    [InlineData(OpenAIErrorCatalog.ServerError, OpenAIOutcomeClass.Transient)]
    [InlineData(OpenAIErrorCatalog.Overloaded, OpenAIOutcomeClass.Transient)]
    public void Classifies_every_fixture_body(string errorCase, OpenAIOutcomeClass expected)
    {
        var fixture = OpenAIErrorCatalog.Get(errorCase);

        Assert.Equal(expected, OpenAIClassifier.Classify(fixture.Status, OpenAIErrorBody.TryParse(fixture.Body)));
    }

    [Fact]
    public void The_fixture_file_has_no_case_this_test_does_not_cover()
    {
        var covered = new[]
        {
            OpenAIErrorCatalog.RateLimitExceeded, OpenAIErrorCatalog.InsufficientQuota, OpenAIErrorCatalog.InsufficientQuotaNewerCode,
            OpenAIErrorCatalog.InvalidApiKey, OpenAIErrorCatalog.ServerError, OpenAIErrorCatalog.Overloaded,
        };
        Assert.Equal(covered.Order(), OpenAIErrorCatalog.All.Keys.Order());
    }

    [Theory]
    [InlineData(200, OpenAIOutcomeClass.Success)]
    [InlineData(201, OpenAIOutcomeClass.Success)]
    [InlineData(401, OpenAIOutcomeClass.AuthRejected)]
    [InlineData(403, OpenAIOutcomeClass.AuthRejected)]
    [InlineData(408, OpenAIOutcomeClass.Transient)]
    [InlineData(409, OpenAIOutcomeClass.Transient)]
    [InlineData(429, OpenAIOutcomeClass.RateLimited)]
    [InlineData(500, OpenAIOutcomeClass.Transient)]
    [InlineData(502, OpenAIOutcomeClass.Transient)]
    [InlineData(599, OpenAIOutcomeClass.Transient)]
    [InlineData(400, OpenAIOutcomeClass.Fatal)]
    [InlineData(404, OpenAIOutcomeClass.Fatal)]
    [InlineData(422, OpenAIOutcomeClass.Fatal)]
    [InlineData(302, OpenAIOutcomeClass.Fatal)]
    [InlineData(600, OpenAIOutcomeClass.Fatal)]
    public void Classifies_statuses_without_a_body(int status, OpenAIOutcomeClass expected) =>
        Assert.Equal(expected, OpenAIClassifier.Classify(status));

    [Theory]
    [InlineData("insufficient_quota", null, OpenAIOutcomeClass.QuotaExhausted)]
    [InlineData("insufficient_quota", "anything_new", OpenAIOutcomeClass.QuotaExhausted)]
    [InlineData(null, "insufficient_quota", OpenAIOutcomeClass.QuotaExhausted)]
    [InlineData("requests", "rate_limit_exceeded", OpenAIOutcomeClass.RateLimited)]
    [InlineData(null, null, OpenAIOutcomeClass.RateLimited)]
    public void A_429_is_quota_only_when_the_body_says_so(string? type, string? code, OpenAIOutcomeClass expected) =>
        Assert.Equal(expected, OpenAIClassifier.Classify(429, new OpenAIErrorBody("m", type, null, code)));

    [Fact]
    public void Timeouts_and_connection_failures_are_transient_and_a_malformed_answer_is_fatal()
    {
        Assert.Equal(OpenAIOutcomeClass.Transient, OpenAIClassifier.Classify(null, null, new TimeoutRejectedException()));
        Assert.Equal(OpenAIOutcomeClass.Transient, OpenAIClassifier.Classify(null, null, new HttpRequestException("refused", new SocketException(111))));
        Assert.Equal(OpenAIOutcomeClass.Transient, OpenAIClassifier.Classify(null, null, new IOException("reset")));
        Assert.Equal(OpenAIOutcomeClass.Fatal, OpenAIClassifier.Classify(200, null, new FormatException("html")));
    }

    [Fact]
    public void Only_rate_limits_and_transient_failures_are_retryable_and_quota_and_auth_escalate()
    {
        var retryable = Enum.GetValues<OpenAIOutcomeClass>().Where(OpenAIClassifier.IsRetryable);
        var escalate = Enum.GetValues<OpenAIOutcomeClass>().Where(OpenAIClassifier.NeedsEscalation);

        Assert.Equal([OpenAIOutcomeClass.RateLimited, OpenAIOutcomeClass.Transient], retryable);
        Assert.Equal([OpenAIOutcomeClass.QuotaExhausted, OpenAIOutcomeClass.AuthRejected], escalate);
    }

    [Theory]
    [InlineData("<html>502</html>")]
    [InlineData("")]
    [InlineData("{\"message\":\"no error wrapper\"}")]
    [InlineData("[1,2]")]
    public void Non_OpenAI_bodies_parse_to_null(string body) => Assert.Null(OpenAIErrorBody.TryParse(body));

    [Fact]
    public void Error_bodies_keep_message_type_and_code()
    {
        var body = OpenAIErrorBody.TryParse(OpenAIErrorCatalog.Get(OpenAIErrorCatalog.InsufficientQuotaNewerCode).Body)!;

        Assert.Equal("insufficient_quota", body.Type);
        Assert.Equal("credit_balance_exhausted", body.Code);
        Assert.Null(body.Param);
        Assert.StartsWith("You exceeded your current quota", body.Message);
    }
}
