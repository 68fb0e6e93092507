using Pipeline.Resilience.OpenAI;
using Pipeline.Resilience.OpenAI.Drill;
using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.Resilience.Tests.OpenAI.Drill;

/// <summary>The drill's stub-versus-client accounting, on hand-made observations (no server, no timing).</summary>
public sealed class OpenAIDrillAgreementTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-25T12:00:00Z");

    private static OpenAIAttempt Answered(int number, int status, string requestId) =>
        new(number, Start, TimeSpan.FromMilliseconds(5), true, status, OpenAIClassifier.Classify(status), null, null, null, requestId,
            OpenAIRetryDecision.Stop("test"));

    private static OpenAIAttempt TimedOut(int number) =>
        new(number, Start, TimeSpan.FromSeconds(5), true, null, OpenAIOutcomeClass.Transient, null, null,
            "no answer within the attempt timeout of 5 s", null, new OpenAIRetryDecision(true, TimeSpan.FromMilliseconds(200), OpenAIDelaySource.ExponentialBackoff, "test"));

    private static OpenAIAttempt ShortCircuited(int number) =>
        new(number, Start, TimeSpan.Zero, false, null, OpenAIOutcomeClass.Transient, null, null, "circuit open", null, OpenAIRetryDecision.Stop("test"));

    private static OpenAIStubAttempt Seen(int sequence, int status, string requestId) =>
        new(sequence, "s", "POST", "/v1/chat/completions", Start, status, OpenAIStubAnswerKind.Error, $"{status}", requestId, true);

    private static IReadOnlyList<OpenAIDrillCheck> Agreement(IReadOnlyList<OpenAIStubAttempt> stub, params OpenAIAttempt[] attempts)
    {
        var call = new OpenAICallResult("s", attempts[^1].Class, attempts[^1].Status, null, attempts, TimeSpan.FromSeconds(1), null, null);
        var observation = new OpenAIDrillObservation("s", [call], stub, [], [], Start, Start.AddSeconds(1));
        return OpenAIDrill.AgreementChecks(observation, stub).ToArray();
    }

    [Fact]
    public void Every_attempt_answered_and_seen_agrees()
    {
        var checks = Agreement([Seen(1, 500, "req_a"), Seen(2, 200, "req_b")], Answered(1, 500, "req_a"), Answered(2, 200, "req_b"));

        Assert.All(checks, c => Assert.True(c.Passed, c.Observed));
    }

    [Fact]
    public void An_attempt_that_timed_out_before_reaching_the_stub_is_not_a_disagreement()
    {
        // The CI case: the first attempt got no answer and the stub never saw it; the 401 that followed was seen.
        var checks = Agreement([Seen(1, 401, "req_b")], TimedOut(1), Answered(2, 401, "req_b"));

        Assert.All(checks, c => Assert.True(c.Passed, c.Observed));
        Assert.Contains("1 answered, 1 without an answer", checks[0].Observed);
    }

    [Fact]
    public void An_attempt_that_timed_out_after_reaching_the_stub_is_not_a_disagreement()
    {
        var checks = Agreement([Seen(1, 200, "req_stalled"), Seen(2, 200, "req_b")], TimedOut(1), Answered(2, 200, "req_b"));

        Assert.All(checks, c => Assert.True(c.Passed, c.Observed));
    }

    [Fact]
    public void An_answered_attempt_the_stub_did_not_record_is_a_disagreement()
    {
        var checks = Agreement([Seen(1, 500, "req_a")], Answered(1, 500, "req_a"), Answered(2, 200, "req_b"));

        Assert.False(checks[0].Passed);
        Assert.False(checks[1].Passed);
        Assert.Contains("req_b", checks[1].Observed);
    }

    [Fact]
    public void More_requests_at_the_stub_than_attempts_without_an_answer_is_a_disagreement()
    {
        // A hidden resend (by a handler or a proxy) shows as a request the client has no attempt for.
        var checks = Agreement([Seen(1, 401, "req_x"), Seen(2, 401, "req_b")], Answered(1, 401, "req_b"));

        Assert.False(checks[0].Passed, checks[0].Observed);
        Assert.Contains("stub 2, client 1 sent", checks[0].Observed);
    }

    [Fact]
    public void A_short_circuited_attempt_is_not_expected_at_the_stub()
    {
        var checks = Agreement([Seen(1, 503, "req_a")], Answered(1, 503, "req_a"), ShortCircuited(2));

        Assert.True(checks[0].Passed, checks[0].Observed);
        var unexplained = Agreement([Seen(1, 503, "req_a"), Seen(2, 503, "req_c")], Answered(1, 503, "req_a"), ShortCircuited(2));
        Assert.False(unexplained[0].Passed, unexplained[0].Observed);
    }
}
