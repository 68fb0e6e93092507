using Pipeline.Core.Evidence;
using Pipeline.Core.Errors;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>What Summarize reads and how it judges it. Defaults follow the story: P95 delta at most 10 %.</summary>
public sealed record SummarizeSettings
{
    public const double DefaultMaxDelta = 0.10;

    /// <summary>
    /// k6 NDJSON files (shards of one run) or one summary export. Null: the newest results RunP95 wrote under the
    /// evidence root during this run (none from before it, so a failed RunP95 never leaves older results to be summarised).
    /// </summary>
    public IReadOnlyList<string>? Results { get; init; }

    public bool Lenient { get; init; }

    /// <summary>
    /// Thresholds typed by the user, k6's <c>metric=expression</c>, several per item separated by <c>;</c>
    /// (<c>http_req_duration{name:chat}=p(95)&lt;1000</c>); those of the scenario file and the results are added.
    /// </summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>A scenario or k6 options JSON whose <c>thresholds</c> object (k6 shape) is evaluated too.</summary>
    public string? ScenarioFile { get; init; }

    public DashboardSettings Dashboard { get; init; } = new();

    /// <summary>Look for RunP95's newest <c>reports/p95-server-metrics-*-before.prom</c>/<c>-after.prom</c> when no source is given.</summary>
    public bool DiscoverSnapshots { get; init; } = true;

    /// <summary>Largest accepted |script - dashboard| / dashboard; a finite fraction, at least 0.</summary>
    public double MaxDelta { get; init; } = DefaultMaxDelta;

    /// <summary>Fail the run when the delta is over <see cref="MaxDelta"/>, or could not be evaluated (CI).</summary>
    public bool FailOnDelta { get; init; }

    /// <summary>The API under test, shown in the report with credentials masked.</summary>
    public string? TargetUrl { get; init; }

    /// <summary>Which engine produced the results (k6 or built-in) and its version, when the caller knows.</summary>
    public string? Engine { get; init; }

    /// <summary>When set (CI sets GITHUB_STEP_SUMMARY), the Markdown table is appended there too.</summary>
    public string? StepSummaryPath { get; init; }

    public bool RenderChart { get; init; } = true;

    public string ReportTemplate { get; init; } = EvidenceNames.MetricsP95Markdown.Template;
    public string JsonTemplate { get; init; } = EvidenceNames.MetricsP95Json.Template;
    public string ChartTemplate { get; init; } = EvidenceNames.P95DashboardChart.Template;
    public string ActionTemplate { get; init; } = EvidenceNames.P95DeltaAction.Template;

    /// <summary>
    /// Refuses settings no run can honour, before anything is read or written (library callers bypass the
    /// engine's own parameter checks).
    /// </summary>
    /// <returns>The typed thresholds, parsed.</returns>
    internal IReadOnlyList<ThresholdRule> Validate()
    {
        if (!double.IsFinite(MaxDelta) || MaxDelta < 0)
            throw new UserInputException($"{MaxDelta.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a fraction of at least 0; write it like 0.10 (10 %).")
                { Input = nameof(MaxDelta) };
        if (Results is { Count: 0 })
            throw new UserInputException("no file is given; give the k6 results to summarise (e.g. reports/p95_k6_YYYYMMDD.json), or none at all to run RunP95 first.")
                { Input = nameof(Results) };
        return ThresholdArguments.ParseList(Thresholds);
    }
}
