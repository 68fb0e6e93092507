using System.Globalization;
using System.Text;

namespace Pipeline.Resilience.Postgres;

/// <summary>Renders a connectivity result as the human-readable <c>db_connectivity_test_YYYYMMDD.log</c>.</summary>
internal static class ConnectivityReport
{
    public static string Render(ConnectivityResult result)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"PostgreSQL connectivity test - {result.StartedAt:yyyy-MM-ddTHH:mm:ssZ}");
        text.AppendLine(invariant, $"Endpoint: {result.Endpoint} ({result.Source})");
        text.AppendLine();
        foreach (var step in result.Steps)
        {
            var duration = step.Duration is { } d ? $" ({d.TotalMilliseconds:0.000} ms)" : "";
            text.AppendLine(invariant, $"[{Label(step.Outcome),-4}] {step.Name,-10} {step.Detail}{duration}");
        }
        if (result.SelectLatencies.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(invariant, $"select 1 samples (ms): {string.Join(' ', result.SelectLatencies.Select(s => s.TotalMilliseconds.ToString("0.000", invariant)))}");
        }
        text.AppendLine();
        text.AppendLine(invariant, $"Duration: {result.Duration.TotalMilliseconds:0} ms");
        text.AppendLine(result.Failure is { } failure
            ? $"Result: UNHEALTHY at step '{failure.Step}' ({failure.Kind}{(failure.SqlState is null ? "" : ", SQLSTATE " + failure.SqlState)}, {(failure.IsTransient ? "transient: a retry may succeed" : "not transient: retrying will not help")})"
            : "Result: HEALTHY");
        return text.ToString();
    }

    private static string Label(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Pass => "PASS",
        StepOutcome.Fail => "FAIL",
        StepOutcome.Info => "INFO",
        _ => "SKIP",
    };
}
