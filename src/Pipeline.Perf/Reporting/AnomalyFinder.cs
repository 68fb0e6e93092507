using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>Things a reviewer should see before trusting the figures, in plain sentences.</summary>
internal static class AnomalyFinder
{
    /// <summary>Fewer samples than this make a P95 rest on a handful of requests.</summary>
    public const int MinimumSamplesForP95 = 100;

    public static IReadOnlyList<string> Find(RunStatistics run, IReadOnlyList<ThresholdResult> thresholds, DashboardReading? dashboard, IReadOnlyList<P95Delta> deltas)
    {
        var anomalies = new List<string>();
        if (run.SkippedLines > 0)
            anomalies.Add($"{run.SkippedLines:N0} malformed line(s) skipped (--lenient); first: {string.Join("; ", run.SkipReasons.Take(3))}.");
        foreach (var note in run.Notes) anomalies.Add(note);
        foreach (var endpoint in run.Endpoints)
        {
            if (endpoint.Latency.Count is { } n and < MinimumSamplesForP95 && endpoint.Status?.NetworkErrors != n)
                anomalies.Add($"{endpoint.Name}: only {n} requests; its P95 rests on {Math.Max(1, (int)Math.Ceiling(n * 0.05))} slowest sample(s).");
            if (endpoint.Status is not { } status) continue;
            if (MostlyRedirects(status) is { } percent)
                anomalies.Add($"{endpoint.Name}: {percent} % of responses were redirects (3xx): {RedirectAdvice}");
            if (status.NetworkErrors > 0)
                anomalies.Add($"{endpoint.Name}: {status.NetworkErrors} network error(s) (status 0; k6 error_code {string.Join(", ", status.NetworkErrorCodes.Select(kv => $"{kv.Key}×{kv.Value}"))}); their durations are in the figures.");
            if (status.TooManyRequests429 > 0)
                anomalies.Add($"{endpoint.Name}: {status.TooManyRequests429} answer(s) 429 (rate limited, e.g. OpenAI quota).");
            if (status.ServerErrors5xx > 0)
                anomalies.Add($"{endpoint.Name}: {status.ServerErrors5xx} server error(s) 5xx.");
        }
        // An endpoint that is mostly redirects is named above; the run's share only speaks when no endpoint could.
        if (run.OverallStatus is { } overall && MostlyRedirects(overall) is { } runPercent
            && !run.Endpoints.Any(e => e.Status is { } s && MostlyRedirects(s) is not null))
            anomalies.Add($"The run: {runPercent} % of responses were redirects (3xx): {RedirectAdvice}");
        if (run.DurationSeconds is < 10 && run.Source == ResultSource.Samples)
            anomalies.Add($"The samples span only {run.DurationSeconds:F1} s; rates and percentiles of so short a run move a lot between runs.");
        foreach (var unknown in thresholds.Where(t => t.Passed is null))
            anomalies.Add(unknown.NotEvaluatedLine!);
        if (dashboard is not null)
        {
            foreach (var note in dashboard.Notes) anomalies.Add($"Dashboard: {note}");
            foreach (var missing in deltas.Where(d => d.ClientP95Ms is null))
                anomalies.Add($"{missing.Endpoint}: the dashboard has a P95 but the script made no request to it.");
            foreach (var endpoint in run.Endpoints.Where(e => !dashboard.P95Ms.ContainsKey(e.Name) && e.Status?.NetworkErrors != e.Latency.Count))
                anomalies.Add($"{endpoint.Name}: no dashboard figure (the server does not label it '{endpoint.Name}'?).");
            var requests = run.Endpoints.ToDictionary(e => e.Name, e => e.Latency.Count, StringComparer.Ordinal);
            foreach (var (name, observed) in dashboard.Observations)
            {
                var client = requests.GetValueOrDefault(name);
                if (client is > 0 && Math.Abs(observed - client.Value) > Math.Max(2, client.Value * 0.02))
                    anomalies.Add($"{name}: the server counted {observed:N0} requests between the snapshots, the script {client:N0}: other traffic or a different window.");
            }
        }
        return anomalies;
    }

    private const string RedirectAdvice =
        "the API may be redirecting every request (login page, http→https); the latencies are of the redirects, not of the API's work.";

    /// <summary>The rounded share of 3xx answers when they are more than half of the responses, else null.</summary>
    private static long? MostlyRedirects(StatusBreakdown status) =>
        status.Total > 0 && status.Redirect3xx * 2 > status.Total ? (long)Math.Round(100.0 * status.Redirect3xx / status.Total) : null;
}
