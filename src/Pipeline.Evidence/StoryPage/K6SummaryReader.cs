using System.Text.Json.Nodes;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Reads k6's <c>--summary-export</c> JSON (<c>metrics.http_reqs.count</c>, <c>metrics["http_req_duration{name:X}"]["p(95)"]</c>),
/// a format k6 fixes; and, for the NDJSON of <c>--out json</c>, counts the <c>http_reqs</c> points.
/// </summary>
internal static class K6SummaryReader
{
    public sealed record Result(long? Requests, IReadOnlyList<EndpointP95> Endpoints);

    public static Result? ReadSummary(string path)
    {
        if (JsonFigures.TryParseFile(path)?["metrics"] is not JsonObject metrics) return null;
        var requests = JsonFigures.Number(metrics["http_reqs"]?["count"]) is { } count ? (long)count : (long?)null;
        var endpoints = new List<EndpointP95>();
        const string prefix = "http_req_duration{name:";
        foreach (var (key, value) in metrics)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || !key.EndsWith('}')) continue;
            if (JsonFigures.Number(value?["p(95)"]) is { } p95) endpoints.Add(new EndpointP95(key[prefix.Length..^1], p95, null, null));
        }
        return new Result(requests, endpoints);
    }

    /// <summary>Counts <c>http_reqs</c> Point lines of a k6 NDJSON file (key order inside a line does not matter).</summary>
    public static long? CountRequests(string ndjsonPath)
    {
        try
        {
            long count = 0;
            foreach (var line in File.ReadLines(ndjsonPath))
            {
                if (line.Contains("\"Point\"", StringComparison.Ordinal) && line.Contains("\"metric\":\"http_reqs\"", StringComparison.Ordinal)) count++;
            }
            return count;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
