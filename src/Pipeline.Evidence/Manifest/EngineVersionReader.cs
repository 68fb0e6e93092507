using Pipeline.Core.Evidence;
using Pipeline.Evidence.Naming;
using Pipeline.Evidence.StoryPage;

namespace Pipeline.Evidence.Manifest;

/// <summary>
/// Which engine produced the evidence, as the evidence itself records it: the load engine and versions in
/// Summarize's <c>metrics-p95-YYYYMMDD.json</c> (<c>engine</c>, <c>versions</c>), and the secrets engines
/// listed under "Engines" in <c>ci-secrets-scan-YYYYMMDD.log</c>. Unknown shapes give nothing.
/// </summary>
internal static class EngineVersionReader
{
    private static readonly string[] LoadDeliverables = [.. new[] { EvidenceNames.P95K6, EvidenceNames.P95K6Summary, EvidenceNames.MetricsP95Json, EvidenceNames.MetricsP95Markdown, EvidenceNames.P95DashboardChart }.Select(n => n.Id)];
    private static readonly string[] SecretsDeliverables = [.. new[] { EvidenceNames.SecretsScan, EvidenceNames.DetectSecretsRaw, EvidenceNames.SecretsScanSarif, EvidenceNames.CiSecretsScan }.Select(n => n.Id)];

    /// <summary>Engine description per deliverable id, and the same figures as tool entries for the manifest.</summary>
    public static (IReadOnlyDictionary<string, string> ByDeliverable, IReadOnlyDictionary<string, string> Tools) Read(NamingReport naming)
    {
        var byDeliverable = new Dictionary<string, string>(StringComparer.Ordinal);
        var tools = new SortedDictionary<string, string>(StringComparer.Ordinal);

        if (naming.For(EvidenceNames.MetricsP95Json.Id) is { } metrics && JsonFigures.TryParseFile(metrics.FullPath) is { } json)
        {
            var engine = JsonFigures.Text(json["engine"]);
            var versions = JsonFigures.Text(json["versions"]);
            var described = string.Join(" - ", new[] { engine, versions }.Where(v => !string.IsNullOrWhiteSpace(v)));
            if (described.Length > 0)
            {
                tools["load-engine"] = described;
                foreach (var id in LoadDeliverables) byDeliverable[id] = described;
            }
        }

        if (naming.For(EvidenceNames.CiSecretsScan.Id) is { } log && SecretsEngines(log.FullPath) is { Count: > 0 } engines)
        {
            var described = string.Join("; ", engines);
            tools["secrets-engines"] = described;
            foreach (var id in SecretsDeliverables) byDeliverable[id] = described;
        }
        return (byDeliverable, tools);
    }

    private static List<string> SecretsEngines(string path)
    {
        try
        {
            return File.ReadLines(path).Take(200)
                .SkipWhile(l => l.Trim() != "Engines")
                .Skip(1)
                .TakeWhile(l => l.TrimStart().StartsWith("- ", StringComparison.Ordinal))
                .Select(l => l.Trim()[2..].Trim())
                .ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
