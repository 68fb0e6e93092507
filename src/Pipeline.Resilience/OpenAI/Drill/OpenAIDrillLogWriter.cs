using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Evidence;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>
/// Renders <c>openai-resilience-YYYYMMDD.log</c>: a human part (per scenario: expectation, checks, the client's own log
/// lines, what the stub saw, alerts) and a structured part, one JSON object per line (<c>grep '^{' | jq</c>).
/// </summary>
internal static class OpenAIDrillLogWriter
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Render(OpenAIDrillResult result, EvidenceStore evidence)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"OpenAI resilience drill, {result.StartedAt:yyyy-MM-dd HH:mm:ss}Z");
        text.AppendLine(CultureInfo.InvariantCulture, $"Mode: {result.Mode.ToString().ToLowerInvariant()}; target: {result.Target}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Result: {(result.Outcome.IsFailed ? "FAILED" : "PASSED")}: {result.Headline}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Evidence: {evidence.Relative(result.LogPath)}, {evidence.Relative(result.JUnitPath)}, {evidence.Relative(result.MarkdownPath)}");

        foreach (var s in result.Scenarios)
        {
            var o = s.Observation;
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"== {s.Name}: {(s.Passed ? "PASSED" : "FAILED")} in {s.Duration.TotalMilliseconds:0} ms ==");
            text.AppendLine(CultureInfo.InvariantCulture, $"Expectation: {s.Expectation}");
            text.AppendLine(CultureInfo.InvariantCulture, $"Attempts: client sent {o.ClientSentAttempts} ({o.Attempts.Count()} reported), stub saw {(o.StubAttempts is null ? "n/a (live)" : o.StubAttempts.Count)}; "
                + $"waits: {(o.Waits.Count == 0 ? "none" : string.Join(", ", o.Waits.Select(OpenAIDrillScenarios.Ms)))}; final: {o.FinalClass}; recovery: {OpenAIDrillMarkdownWriter.Recovery(o)}");
            text.AppendLine("Checks:");
            foreach (var c in s.Checks) text.AppendLine(CultureInfo.InvariantCulture, $"  [{(c.Passed ? "pass" : "FAIL")}] {c.Expectation} (observed: {c.Observed})");
            text.AppendLine("Client log:");
            foreach (var line in o.ClientLog) text.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
            if (o.StubAttempts is not null)
            {
                text.AppendLine("Stub saw:");
                foreach (var a in o.StubAttempts)
                    text.AppendLine(CultureInfo.InvariantCulture, $"  #{a.Sequence} {a.ReceivedAt:HH:mm:ss.fff} {a.Method} {a.Path} -> {a.Answer} ({a.RequestId})");
            }
            foreach (var alert in s.Alerts) text.AppendLine(alert);
        }

        text.AppendLine();
        text.AppendLine("== structured events (one JSON object per line) ==");
        foreach (var line in Events(result)) text.AppendLine(line);
        return text.ToString();
    }

    private static IEnumerable<string> Events(OpenAIDrillResult result)
    {
        yield return Line(new
        {
            Event = "drill", Mode = result.Mode.ToString().ToLowerInvariant(), result.Target, result.StartedAt,
            DurationMs = Ms(result.Duration), Passed = !result.Outcome.IsFailed, Scenarios = result.Scenarios.Count, Failed = result.FailedCount,
        });
        foreach (var s in result.Scenarios)
        {
            var o = s.Observation;
            foreach (var (call, index) in o.Calls.Select((c, i) => (c, i + 1)))
            foreach (var a in call.Attempts)
                yield return Line(new
                {
                    Event = "attempt", Scenario = s.Name, Call = index, a.Number, a.StartedAt, DurationMs = Ms(a.Duration), a.Sent, a.Status,
                    Class = a.Class.ToString(), a.ErrorType, a.ErrorCode, a.RequestId, a.Decision.Retry,
                    DelayMs = a.Decision.Retry ? Ms(a.Decision.Delay) : (double?)null, DelaySource = a.Decision.Source?.ToString(), Reason = a.Decision.Reason,
                    a.Detail,
                });
            foreach (var call in o.Calls.Where(c => c.Degraded))
                yield return Line(new { Event = "fallback", Scenario = s.Name, Class = call.Class.ToString(), call.FailureReason, Answer = call.FallbackAnswer });
            foreach (var a in o.StubAttempts ?? [])
                yield return Line(new
                {
                    Event = "stub_attempt", Scenario = s.Name, a.Sequence, a.ReceivedAt, a.Method, a.Path, a.Status, Kind = a.Kind.ToString(),
                    a.Answer, a.RequestId, a.KeyAccepted,
                });
            foreach (var t in o.BreakerTransitions)
                yield return Line(new { Event = "breaker", Scenario = s.Name, t.At, State = t.State.ToString(), t.Reason });
            foreach (var alert in s.Alerts)
                yield return Line(new { Event = "alert", Scenario = s.Name, Message = alert });
            yield return Line(new
            {
                Event = "scenario", Scenario = s.Name, s.Passed, s.Expectation, DurationMs = Ms(s.Duration),
                ClientAttempts = o.ClientSentAttempts, StubAttempts = o.StubAttempts?.Count, ShortCircuited = o.ShortCircuitedCalls,
                WaitsMs = o.Waits.Select(Ms).ToArray(), FinalClass = o.FinalClass.ToString(),
                RecoveryMs = o.RecoveryTime is { } r ? Ms(r) : (double?)null,
                RecoveryAfterHealMs = o.RecoveryAfterHeal is { } h ? Ms(h) : (double?)null,
                Checks = s.Checks.Select(c => new { c.Expectation, c.Passed, c.Observed }).ToArray(),
            });
        }
    }

    private static string Line<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 1);
}
