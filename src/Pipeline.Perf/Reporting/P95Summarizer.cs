using System.Reflection;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Runs;
using Pipeline.Perf.Charts;
using Pipeline.Perf.Dashboard;
using Pipeline.Perf.K6Results;
using Pipeline.Perf.Statistics;

namespace Pipeline.Perf.Reporting;

/// <summary>
/// Summarize: reads k6 results, computes exact per-endpoint statistics, evaluates thresholds, compares the
/// P95 with the dashboard's, and writes the report, its JSON twin, the chart and (over the limit) the
/// corrective-action draft.
/// </summary>
public static class P95Summarizer
{
    public static async Task<SummarizeResult> RunAsync(SummarizeSettings settings, RunContext context)
    {
        var typedThresholds = settings.Validate();
        var (evidence, log, cancellationToken) = (context.Evidence, context.Log, context.CancellationToken);
        IReadOnlyList<string> results = settings.Results ?? [FindLatestResults(evidence.Root, notBefore: evidence.RunDate)
            ?? throw new UserInputException(
                "no k6 results were written to reports/ since this build started " +
                $"({evidence.RunDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} UTC): " +
                "the load run did not run or failed. Give the k6 results files to summarise.")
                { Input = nameof(SummarizeSettings.Results) }];
        // The chart's renderer (Skia's native library, fonts, ScottPlot's code) takes longer to start than the
        // chart takes to draw; it starts on another core while the results are read.
        var chartWarmUp = settings.RenderChart ? Task.Run(LatencyChart.WarmUp, cancellationToken) : Task.CompletedTask;
        // The files' digests (recorded in the report; a copy given twice is refused) are computed beside the read:
        // awaited after it, they were on the critical path (about 0.1 s for 160 MB).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = Task.Run(() => ResultFiles.HashAsync(results, stop.Token), stop.Token);
        Task<byte[]?> chart = Task.FromResult<byte[]?>(null);
        try
        {
            var shardGaps = ShardCoverage.Inspect(results);
            var run = K6ResultReader.Read(results, new K6ResultReaderOptions { Lenient = settings.Lenient }, log, cancellationToken);
            if (shardGaps.Count > 0) run = run with { Notes = [.. run.Notes, .. shardGaps] };

            var rules = typedThresholds.Select(r => (r, "parameters"))
                .Concat(settings.ScenarioFile is { } scenario && File.Exists(scenario)
                    ? Scenario.ScenarioFile.Load(scenario).ThresholdRules().Select(t => (t.Rule, Path.GetFileName(scenario)))
                    : [])
                .Concat(run.DeclaredThresholds.Select(r => (r, run.Source == ResultSource.SummaryExport ? "k6 summary export" : "k6 results")));
            var thresholds = ThresholdEvaluator.Evaluate(run, rules);

            var dashboardSettings = settings.Dashboard;
            if (!dashboardSettings.IsConfigured && settings.DiscoverSnapshots && FindSnapshots(evidence.Root, results) is { } snapshots)
            {
                log.Information("Using RunP95's server metrics snapshots {Before} and {After}", evidence.Relative(snapshots.Before), evidence.Relative(snapshots.After));
                dashboardSettings = dashboardSettings with { SnapshotBefore = snapshots.Before, SnapshotAfter = snapshots.After };
            }
            var dashboard = await DashboardReader.ReadAsync(dashboardSettings, cancellationToken);
            // A summary export lists only the endpoints k6 kept a submetric for; the raw points list every endpoint called.
            if (dashboard?.Source == DashboardSource.Manual && run.Source == ResultSource.Samples) RefuseUnknownEndpoints(dashboard, run);
            var client = run.Endpoints.ToDictionary(e => e.Name, e => e.Latency.P95, StringComparer.Ordinal);
            var deltas = dashboard is null ? [] : P95Delta.Compare(client, dashboard, settings.MaxDelta);
            var anomalies = AnomalyFinder.Find(run, thresholds, dashboard, deltas);

            // Written only after the text reports: a run that fails before them leaves no chart behind.
            if (settings.RenderChart)
                chart = Task.Run<byte[]?>(async () =>
                {
                    await chartWarmUp;
                    return LatencyChart.RenderPng(run, dashboard?.P95Ms, $"Latency per endpoint – {evidence.RunDate:yyyy-MM-dd} ({run.Overall.Count:N0} requests)");
                }, stop.Token);

            var hashes = await hashing;
            var resultFiles = results.Select((file, i) => new ResultFileEvidence(
                evidence.Relative(Path.GetFullPath(file)), hashes[i], run.RunIds.GetValueOrDefault(file))).ToArray();
            var paths = evidence.Reserve(settings.ReportTemplate, settings.JsonTemplate, settings.ChartTemplate, settings.ActionTemplate);
            var overLimit = deltas.Any(d => d.OverLimit);
            var report = new P95Report(
                evidence.RunDate, evidence.RunId, resultFiles, run, thresholds, dashboard, deltas, settings.MaxDelta, anomalies,
                settings.TargetUrl, settings.Engine ?? EngineFromSummary(results), Versions(),
                paths[0], paths[1], settings.RenderChart ? paths[2] : null, overLimit ? paths[3] : null);
            // Names reserved for files this run does not write go back (no other run may take them meanwhile).
            if (report.ChartPath is null) evidence.Release(paths[2]);
            if (report.ActionPath is null) evidence.Release(paths[3]);

            if (report.ActionPath is not null)
            {
                evidence.WriteTextTo(report.ActionPath, CorrectiveActionReport.Render(report));
                log.Warning("Script and dashboard P95 differ by more than {Limit:P0}: corrective action drafted in {Action}", settings.MaxDelta, evidence.Relative(report.ActionPath));
            }
            evidence.WriteTextTo(report.JsonPath, JsonReport.Render(report));
            evidence.WriteTextTo(report.ReportPath, MarkdownReport.Render(report));
            if (!string.IsNullOrEmpty(settings.StepSummaryPath))
                await File.AppendAllTextAsync(settings.StepSummaryPath, evidence.Redactor.Redact(StepSummary(report)), cancellationToken);
            if (await chart is { } png)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(report.ChartPath)!);
                await evidence.WriteStreamAsync(report.ChartPath!, stream => stream.WriteAsync(png, cancellationToken).AsTask());
            }

            var result = new SummarizeResult(run, thresholds, dashboard, deltas, anomalies, report.ReportPath, report.JsonPath, report.ChartPath, report.ActionPath)
            {
                ShardGaps = shardGaps, MaxDelta = settings.MaxDelta, FailOnDelta = settings.FailOnDelta,
                ShownReportPath = evidence.Relative(report.ReportPath),
                ShownActionPath = report.ActionPath is null ? null : evidence.Relative(report.ActionPath),
            };
            log.Information("{Headline}; report {Report}", result.Headline, evidence.Relative(report.ReportPath));
            return result;
        }
        catch
        {
            // The first failure is the one to report; nothing is left hashing or drawing behind it.
            await stop.CancelAsync();
            try { await Task.WhenAll(hashing, chart); } catch (Exception) { /* superseded */ }
            throw;
        }
    }

    /// <summary>
    /// The newest k6 NDJSON RunP95 wrote (<c>reports/p95_k6_YYYYMMDD[-HHMMSS].json</c>, plain or .gz), or its
    /// summary export when there is no NDJSON; null when RunP95 has not run.
    /// </summary>
    /// <param name="notBefore">Ignore older files (the build's start, so a failed RunP95 never leaves yesterday's results to be summarised).</param>
    internal static string? FindLatestResults(string root, DateTimeOffset? notBefore = null)
    {
        var reports = Path.Combine(root, "reports");
        if (!Directory.Exists(reports)) return null;
        var candidates = Directory.EnumerateFiles(reports, Path.GetFileName(EvidenceNames.P95K6.Glob) + "*")
            .Where(f => notBefore is null || File.GetLastWriteTimeUtc(f) >= notBefore.Value.UtcDateTime)
            .OrderByDescending(File.GetLastWriteTimeUtc).ToArray();
        return candidates.FirstOrDefault(f => !Path.GetFileName(f).Contains(EvidenceNames.P95K6Summary.FileNameSuffix, StringComparison.Ordinal)) ?? candidates.FirstOrDefault();
    }

    /// <summary>
    /// The /metrics snapshots RunP95 stored with the results: the pair with the same date stamp as the results
    /// file (<c>p95_k6_STAMP.json</c> ↔ <c>p95-server-metrics-STAMP-before.prom</c>). Without results, the
    /// newest pair; with results of another name, none (snapshots of another run would give a false delta).
    /// </summary>
    internal static (string Before, string After)? FindSnapshots(string root, IReadOnlyList<string>? results = null)
    {
        var reports = Path.Combine(root, "reports");
        if (!Directory.Exists(reports)) return null;
        foreach (var result in results ?? [])
        {
            var name = Path.GetFileName(result);
            if (!name.StartsWith(EvidenceNames.P95K6.FileNamePrefix, StringComparison.Ordinal)) continue;
            var stamp = name[EvidenceNames.P95K6.FileNamePrefix.Length..].Split('.')[0];
            var before = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(result))!, EvidenceNames.P95ServerMetricsBefore.FileNameFor(stamp));
            var after = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(result))!, EvidenceNames.P95ServerMetricsAfter.FileNameFor(stamp));
            if (File.Exists(before) && File.Exists(after)) return (before, after);
        }
        if (results is { Count: > 0 }) return null;
        return Directory.EnumerateFiles(reports, EvidenceNames.P95ServerMetricsBefore.FileNameFor("*"))
            .Select(before => (Before: before, After: Path.Combine(reports, EvidenceNames.P95ServerMetricsAfter.FileNameFor(EvidenceNames.P95ServerMetricsBefore.StampOf(Path.GetFileName(before))!))))
            .Where(pair => File.Exists(pair.After))
            .OrderByDescending(pair => File.GetLastWriteTimeUtc(pair.After))
            .Select(pair => ((string, string)?)pair)
            .FirstOrDefault();
    }

    /// <summary>
    /// Which engine wrote the results, from the summary export RunP95 stores beside the NDJSON
    /// (<c>p95_k6_STAMP.summary.json</c>): its <c>engine</c> key names the built-in engine; k6 writes none.
    /// </summary>
    internal static string? EngineFromSummary(IReadOnlyList<string> results)
    {
        foreach (var result in results)
        {
            var name = Path.GetFileName(result);
            var summary = name.Contains(".summary.json", StringComparison.Ordinal) ? result
                : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(result))!, name.Split('.')[0] + ".summary.json");
            if (!File.Exists(summary)) continue;
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(summary));
                return document.RootElement.TryGetProperty("engine", out var engine) && engine.ValueKind == System.Text.Json.JsonValueKind.String
                    ? $"{engine.GetString()} (from {Path.GetFileName(summary)})"
                    : $"k6 (from {Path.GetFileName(summary)}: no engine key, as k6 writes it)";
            }
            catch (System.Text.Json.JsonException)
            {
                return null; // a damaged summary only costs the engine line; the NDJSON is what is summarised
            }
        }
        return null;
    }

    // A typed endpoint the run never called would compare nothing and let the delta check pass unchecked.
    private static void RefuseUnknownEndpoints(DashboardReading dashboard, RunStatistics run)
    {
        var endpoints = run.Endpoints.Select(e => e.Name).ToArray();
        var unknown = dashboard.P95Ms.Keys.Where(name => !endpoints.Contains(name, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length == 0) return;
        var closest = unknown.Length == 1 ? ClosestName.Find(unknown[0], endpoints) : null;
        throw new UserInputException(
            $"the run has no requests for {string.Join(", ", unknown.Select(n => $"'{n}'"))}" +
            (closest is null ? "" : $" (did you mean '{closest}'?)") +
            $"; its endpoints are {string.Join(", ", endpoints)}.")
        { Input = nameof(DashboardSettings.ManualP95) };
    }

    private static string StepSummary(P95Report report) =>
        $"### P95 latency ({report.Run.Overall.Count:N0} requests)\n\n{MarkdownReport.EndpointTable(report)}\n{MarkdownReport.DeltaSection(report, report.ReportPath)}\n";

    private static string Versions()
    {
        var version = typeof(P95Summarizer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        var scottPlot = typeof(ScottPlot.Plot).Assembly.GetName().Version;
        return $"Pipeline.Perf {version.Split('+')[0]}, .NET {Environment.Version}, ScottPlot {scottPlot}";
    }
}
