using System.Globalization;
using Pipeline.LocalBackends.OpenAIStub;
using Polly.CircuitBreaker;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>The drill's scenarios: scripted failures against the stub (AC2.2), or safe probes against a live endpoint.</summary>
internal static class OpenAIDrillScenarios
{
    /// <summary>The degraded answer the drill's fallback gives, so reports can show when it was used.</summary>
    public const string DegradedAnswer = "[degraded] The assistant is temporarily unavailable; your request was queued.";

    /// <summary>A key the stub never accepts: a revoked key, as far as the client can tell.</summary>
    public const string RevokedKey = "sk-pipeline-revoked-key-00000000000000";

    /// <summary>A deliberately invalid key for the live probe: no real endpoint accepts it.</summary>
    public const string InvalidProbeKey = "sk-pipeline-drill-invalid-probe-key-000000000000";

    /// <summary>
    /// How early a system timer may fire, measured on the wall clock: timers run on a coarse tick (4 ms on Linux,
    /// 15.6 ms on Windows), so a 200 ms wait can show as 199 ms between two timestamps. Checks that a measured wait
    /// lasted at least X allow this much; a client that did not wait at all is still off by the whole wait.
    /// </summary>
    internal static readonly TimeSpan TimerGranularity = TimeSpan.FromMilliseconds(16);

    private static Func<OpenAIFallbackArguments, ValueTask<string>> Fallback => _ => ValueTask.FromResult(DegradedAnswer);

    public static IReadOnlyList<OpenAIDrillScenario> ForStub(OpenAIDrillSettings settings)
    {
        var wait = settings.RateLimitWait;
        var rateLimited = OpenAIErrorCatalog.Get(OpenAIErrorCatalog.RateLimitExceeded).WithHeaders(
            ("retry-after-ms", wait.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)),
            ("retry-after", Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            ("x-ratelimit-reset-tokens", $"{wait.TotalMilliseconds:0}ms"));
        return
        [
            new("rate-limit-recovery",
                $"429 rate_limit_exceeded with retry-after-ms {Ms(wait)} twice, then 200: retried, waits honour the header, the call succeeds",
                OpenAIStubScript.Empty.Then(OpenAIStubStep.Fail(rateLimited).Repeat(2)),
                o => o,
                Once(c => c.ChatAsync("Summarise the incident report.", "rate-limit-recovery")),
                o =>
                [
                    Succeeds(o),
                    AttemptCount(o, 3),
                    OpenAIDrillCheck.That($"both waits come from retry-after-ms and last {Ms(wait)}",
                        o.Waits.Count == 2 && o.Waits.All(w => w == wait) && o.Attempts.Take(2).All(a => a.Decision.Source == OpenAIDelaySource.RetryAfterMs),
                        $"waits {Waits(o)} from {string.Join(", ", o.Attempts.Where(a => a.Decision.Retry).Select(a => a.Decision.Source))}"),
                    OpenAIDrillCheck.That($"the stub saw each retry at least {Ms(wait)} after the previous attempt",
                        StubGaps(o).Count == 2 && StubGaps(o).All(g => g >= wait - TimerGranularity),
                        $"gaps at the stub {string.Join(", ", StubGaps(o).Select(Ms))}"),
                ]),

            new("quota-exhausted",
                "429 insufficient_quota: exactly one attempt, classified QuotaExhausted, fallback engaged and logged, alert for the billing owner",
                OpenAIStubScript.Empty.ThenOtherwise(OpenAIStubStep.Fail(OpenAIErrorCatalog.InsufficientQuota)),
                o => o with { Fallback = Fallback },
                Once(c => c.ChatAsync("Classify this ticket.", "quota-exhausted")),
                o =>
                [
                    AttemptCount(o, 1),
                    Final(o, OpenAIOutcomeClass.QuotaExhausted),
                    OpenAIDrillCheck.That("the fallback answer was returned and logged as FALLBACK",
                        o.Calls[^1].FallbackAnswer == DegradedAnswer && o.ClientLog.Any(l => l.Contains("FALLBACK engaged", StringComparison.Ordinal)),
                        o.Calls[^1].Degraded ? "degraded answer returned; log: " + (o.ClientLog.FirstOrDefault(l => l.Contains("FALLBACK", StringComparison.Ordinal)) ?? "no FALLBACK line") : "no fallback"),
                    Escalated(o, OpenAIEscalationContact.BillingOwner),
                ]),

            new("revoked-key",
                "401 invalid_api_key for a revoked key: one attempt, classified AuthRejected, not masked by the fallback, alert for the key owner",
                null,
                o => o with { ApiKey = RevokedKey, Fallback = Fallback },
                Once(c => c.ChatAsync("Hello", "revoked-key")),
                o =>
                [
                    AttemptCount(o, 1),
                    Final(o, OpenAIOutcomeClass.AuthRejected),
                    OpenAIDrillCheck.That("the stub rejected the key with 401 invalid_api_key",
                        o.StubAttempts is [{ Status: 401, KeyAccepted: false }] && o.Attempts.First().ErrorCode == "invalid_api_key",
                        $"stub: {Describe(o.StubAttempts)}; client: code {o.Attempts.FirstOrDefault()?.ErrorCode ?? "-"}"),
                    OpenAIDrillCheck.That("no fallback hides an auth failure", !o.Calls[^1].Degraded, o.Calls[^1].Degraded ? "fallback used" : "no fallback"),
                    Escalated(o, OpenAIEscalationContact.KeyOwner),
                ]),

            new("server-errors-recovery",
                "500 then 503 then 200: retried after Polly's exponential backoff with jitter, the call succeeds",
                OpenAIStubScript.Empty.Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.ServerError)).Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.Overloaded)),
                o => o,
                Once(c => c.ChatAsync("Draft a reply.", "server-errors-recovery")),
                o =>
                [
                    Succeeds(o),
                    AttemptCount(o, 3),
                    OpenAIDrillCheck.That("statuses 500, 503, 200 in that order",
                        o.Attempts.Select(a => a.Status ?? 0).SequenceEqual([500, 503, 200]),
                        string.Join(", ", o.Attempts.Select(a => a.Status?.ToString(CultureInfo.InvariantCulture) ?? "none"))),
                    // Polly's jitter makes each wait random (its median doubles from the base delay); what the drill can
                    // hold it to is the cap, and that the waits recorded are the waits the stub saw.
                    OpenAIDrillCheck.That($"both waits are Polly's exponential backoff, none above the {Ms(OpenAIDrill.MaxBackoffDelay(settings))} cap",
                        o.Waits.Count == 2 && o.Waits.All(w => w >= TimeSpan.Zero && w <= OpenAIDrill.MaxBackoffDelay(settings))
                        && o.Attempts.Take(2).All(a => a.Decision.Source == OpenAIDelaySource.ExponentialBackoff),
                        $"waits {Waits(o)} from {string.Join(", ", o.Attempts.Where(a => a.Decision.Retry).Select(a => a.Decision.Source))}"),
                    OpenAIDrillCheck.That("the stub saw each retry at least the recorded wait after the previous attempt",
                        StubGaps(o).Count == 2 && StubGaps(o).Zip(o.Waits, (gap, wait) => gap >= wait - TimerGranularity).All(kept => kept),
                        $"gaps at the stub {string.Join(", ", StubGaps(o).Select(Ms))} for waits {Waits(o)}"),
                ]),

            new("timeout-recovery",
                $"the stub stalls {Ms(settings.Stall)} once, past the {Ms(settings.AttemptTimeout)} attempt timeout: the attempt is abandoned, the retry succeeds",
                OpenAIStubScript.Empty.Then(OpenAIStubStep.Stall(settings.Stall)),
                o => o,
                Once(c => c.ChatAsync("Translate this.", "timeout-recovery")),
                o =>
                [
                    Succeeds(o),
                    AttemptCount(o, 2),
                    OpenAIDrillCheck.That($"the first attempt was cut at the attempt timeout ({Ms(settings.AttemptTimeout)}), not after the stall",
                        o.Attempts.First() is { Status: null, Class: OpenAIOutcomeClass.Transient } first
                        && first.Duration >= settings.AttemptTimeout - TimerGranularity && first.Duration < settings.Stall
                        && (first.Detail ?? "").Contains("attempt timeout", StringComparison.Ordinal),
                        $"first attempt: {o.Attempts.First().Detail} after {Ms(o.Attempts.First().Duration)}"),
                ]),

            new("garbage-answer",
                "a 200 whose body is HTML, not OpenAI JSON: a classified Fatal failure after one attempt, no exception",
                OpenAIStubScript.Empty.ThenOtherwise(OpenAIStubStep.Garbage()),
                o => o,
                Once(c => c.ListModelsAsync("garbage-answer")),
                o =>
                [
                    AttemptCount(o, 1),
                    Final(o, OpenAIOutcomeClass.Fatal),
                    OpenAIDrillCheck.That("the failure says the answer is not OpenAI JSON",
                        (o.Calls[^1].FailureReason ?? "").Contains("not OpenAI JSON", StringComparison.Ordinal),
                        o.Calls[^1].FailureReason ?? "no reason"),
                ]),

            new("sustained-outage",
                $"503 for {Ms(settings.OutageWindow)}: the breaker opens, calls short-circuit with a reason, it half-opens and closes once the stub heals",
                OpenAIStubScript.Empty.Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.Overloaded).During(settings.OutageWindow)),
                o => o with { Fallback = Fallback },
                (client, ct) => UntilRecovered(client, settings.MaxRecovery, ct),
                o =>
                [
                    OpenAIDrillCheck.That("the breaker opened", o.BreakerTransitions.Any(t => t.State == CircuitState.Open), Transitions(o)),
                    // A call whose retries meet the opening breaker is short-circuited after sending some attempts;
                    // once open, calls must send nothing.
                    OpenAIDrillCheck.That("calls short-circuited with a clear reason, nothing sent, fallback logged",
                        o.Calls.Any(c => c.ShortCircuited && c.SentAttempts == 0) && o.Calls.Where(c => c.ShortCircuited).All(c =>
                            (c.FailureReason ?? "").Contains("circuit open", StringComparison.Ordinal) && c.Degraded),
                        $"{o.ShortCircuitedCalls} short-circuited call(s): {o.Calls.FirstOrDefault(c => c.ShortCircuited)?.FailureReason ?? "none"}"),
                    OpenAIDrillCheck.That("the breaker half-opened, then closed",
                        o.BreakerTransitions.Count >= 3 && o.BreakerTransitions[^1].State == CircuitState.Closed
                        && o.BreakerTransitions[^2].State == CircuitState.HalfOpen, Transitions(o)),
                    OpenAIDrillCheck.That($"a call succeeded within {Ms(settings.MaxRecovery)}", o.FinalClass == OpenAIOutcomeClass.Success,
                        $"{o.Calls.Count} calls, last {o.FinalClass}"),
                    OpenAIDrillCheck.That($"recovered within one break plus a second ({Ms(settings.BreakDuration + TimeSpan.FromSeconds(1))}) of the stub healing",
                        o.RecoveryAfterHeal is { } lag && lag <= settings.BreakDuration + TimeSpan.FromSeconds(1),
                        o.RecoveryAfterHeal is { } measured ? $"recovered {Ms(measured)} after the stub healed" : "did not recover"),
                ],
                settings.OutageWindow),
        ];
    }

    public static IReadOnlyList<OpenAIDrillScenario> ForLive(OpenAIDrillSettings settings)
    {
        var scenarios = new List<OpenAIDrillScenario>();
        if (!string.IsNullOrEmpty(settings.LiveApiKey))
            scenarios.Add(new("live-models-with-key",
                "GET /v1/models with the given key answers 200 with a model list",
                null, o => o, Once(c => c.ListModelsAsync("live-models-with-key")),
                o => [Final(o, OpenAIOutcomeClass.Success)]));
        scenarios.Add(new("live-models-invalid-key",
            "GET /v1/models with a deliberately invalid key is classified AuthRejected (401/403)",
            null, o => o with { ApiKey = InvalidProbeKey }, Once(c => c.ListModelsAsync("live-models-invalid-key")),
            o => [Final(o, OpenAIOutcomeClass.AuthRejected)]));
        return scenarios;
    }

    private static Func<OpenAIResilientClient, CancellationToken, Task<IReadOnlyList<OpenAICallResult>>> Once(
        Func<OpenAIResilientClient, Task<OpenAICallResult>> call) => async (client, _) => [await call(client)];

    /// <summary>Calls every 100 ms, as a steady trickle of user traffic would, until one succeeds or time runs out.</summary>
    private static async Task<IReadOnlyList<OpenAICallResult>> UntilRecovered(OpenAIResilientClient client, TimeSpan limit, CancellationToken ct)
    {
        var calls = new List<OpenAICallResult>();
        var clock = client.Options.TimeProvider;
        var deadline = clock.GetUtcNow() + limit;
        while (true)
        {
            var call = await client.ChatAsync("Status check.", "sustained-outage", ct);
            calls.Add(call);
            if (call.Succeeded || clock.GetUtcNow() >= deadline) return calls;
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        }
    }

    private static OpenAIDrillCheck Succeeds(OpenAIDrillObservation o) => Final(o, OpenAIOutcomeClass.Success);

    private static OpenAIDrillCheck Final(OpenAIDrillObservation o, OpenAIOutcomeClass expected) =>
        OpenAIDrillCheck.That($"final classification {expected}", o.FinalClass == expected,
            o.FinalClass == OpenAIOutcomeClass.Success || o.Calls.Count == 0 ? $"{o.FinalClass}" : $"{o.FinalClass}: {o.Calls[^1].FailureReason}");

    private static OpenAIDrillCheck AttemptCount(OpenAIDrillObservation o, int expected) =>
        OpenAIDrillCheck.That(expected == 1 ? "exactly one attempt" : $"exactly {expected} attempts", o.Attempts.Count() == expected,
            $"{o.Attempts.Count()} attempt(s)");

    private static OpenAIDrillCheck Escalated(OpenAIDrillObservation o, OpenAIEscalationContact contact) =>
        OpenAIDrillCheck.That($"the client logged that a person must act and the alert goes to the {contact.Role}",
            o.Calls[^1].NeedsEscalation && OpenAIEscalationContact.For(o.FinalClass) == contact
            && o.ClientLog.Any(l => l.Contains("needs a person", StringComparison.Ordinal)),
            $"{o.FinalClass} -> {OpenAIEscalationContact.For(o.FinalClass).Role}");

    private static IReadOnlyList<TimeSpan> StubGaps(OpenAIDrillObservation o) =>
        o.StubAttempts is { Count: > 1 } stub ? stub.Zip(stub.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).ToArray() : [];

    private static string Waits(OpenAIDrillObservation o) => o.Waits.Count == 0 ? "none" : string.Join(", ", o.Waits.Select(Ms));

    private static string Transitions(OpenAIDrillObservation o) =>
        o.BreakerTransitions.Count == 0 ? "no transitions"
            : string.Join(" -> ", o.BreakerTransitions.Select(t => $"{t.State} at +{Ms(t.At - o.StartedAt)}"));

    private static string Describe(IReadOnlyList<OpenAIStubAttempt>? attempts) =>
        attempts is null ? "n/a" : attempts.Count == 0 ? "no requests" : string.Join(", ", attempts.Select(a => a.Answer));

    internal static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
