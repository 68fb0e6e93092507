using System.Globalization;
using System.Text;
using Pipeline.Core.Evidence;
using Pipeline.Core.Text;

namespace Pipeline.Resilience.OpenAI.Drill;

/// <summary>Renders <c>openai-resilience-YYYYMMDD.md</c>: the summary QA reads and the runbook quotes.</summary>
internal static class OpenAIDrillMarkdownWriter
{
    public static string Render(OpenAIDrillResult result, EvidenceStore evidence)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# OpenAI resilience drill, {result.StartedAt:yyyy-MM-dd}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Result: **{(result.Outcome.IsFailed ? "FAILED" : "PASSED")}**: {UntrustedText.Markdown(result.Headline)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Mode: {result.Mode.ToString().ToLowerInvariant()}; target: {UntrustedText.Markdown(result.Target)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Started {result.StartedAt:yyyy-MM-dd HH:mm:ss}Z, took {result.Duration.TotalSeconds:0.0} s");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Log (human + JSON lines): `{evidence.Relative(result.LogPath)}`; JUnit: `{evidence.Relative(result.JUnitPath)}`");
        md.AppendLine("- Produced by `./build.sh DrillOpenAI` (Story 2.8.1, AC2.2). Policy and escalation: `docs/operations/openai-supabase-fallback-runbook.md`.");
        md.AppendLine();
        md.AppendLine("| Scenario | Result | Attempts client / stub | Waits | Final class | Recovery | Fallback | Alert |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in result.Scenarios)
        {
            var o = s.Observation;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Name} | {(s.Passed ? "passed" : "**FAILED**")} | {o.ClientSentAttempts} / {(o.StubAttempts is null ? "n/a" : o.StubAttempts.Count)}"
                + $"{(o.ShortCircuitedCalls > 0 ? $" (+{o.ShortCircuitedCalls} short-circuited)" : "")} | "
                + $"{(o.Waits.Count == 0 ? "-" : string.Join(", ", o.Waits.Select(OpenAIDrillScenarios.Ms)))} | {o.FinalClass} | {Recovery(o)} | "
                + $"{(o.Calls.Any(c => c.Degraded) ? "engaged (logged)" : "-")} | {(s.Alerts.Count > 0 ? "raised" : "-")} |");
        }
        foreach (var s in result.Scenarios)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {s.Name}: {(s.Passed ? "passed" : "FAILED")}");
            md.AppendLine();
            md.AppendLine(Cell(s.Expectation));
            md.AppendLine();
            foreach (var c in s.Checks)
                md.AppendLine(CultureInfo.InvariantCulture, $"- [{(c.Passed ? "x" : " ")}] {Cell(c.Expectation)}: {UntrustedText.Markdown(c.Observed)}");
            if (s.Observation.BreakerTransitions.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Breaker: " + string.Join(" → ", s.Observation.BreakerTransitions.Select(t =>
                    $"{t.State} at +{OpenAIDrillScenarios.Ms(t.At - s.Observation.StartedAt)}")));
            }
            foreach (var alert in s.Alerts)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"> {UntrustedText.Markdown(alert)}");
            }
        }
        return md.ToString();
    }

    /// <summary>The recovery figure of a scenario: after the stub healed when it did, else from the first failure.</summary>
    public static string Recovery(OpenAIDrillObservation o) =>
        o.RecoveryAfterHeal is { } afterHeal ? $"{OpenAIDrillScenarios.Ms(afterHeal)} after heal ({OpenAIDrillScenarios.Ms(o.RecoveryTime ?? afterHeal)} from first failure)"
        : ShortRecovery(o);

    /// <summary>The recovery figure in a few characters, for the console table.</summary>
    public static string ShortRecovery(OpenAIDrillObservation o) =>
        o.RecoveryAfterHeal is { } afterHeal ? $"{OpenAIDrillScenarios.Ms(afterHeal)} after heal"
        : o.RecoveryTime is { } recovery ? OpenAIDrillScenarios.Ms(recovery)
        : o.FinalClass == OpenAIOutcomeClass.Success ? "no failure"
        // Quota, auth and fatal failures do not recover by waiting: a person acts (see the alert).
        : "n/a";

    // Our own words (expectations): only kept inside their cell or line. What the server or the user gave (the
    // headline and observations quote server messages, the target is a live URL) goes through UntrustedText.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
