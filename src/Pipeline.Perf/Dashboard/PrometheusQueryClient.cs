using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Errors;
using Pipeline.Core.Http;
using Pipeline.Core.Redaction;

namespace Pipeline.Perf.Dashboard;

/// <summary>
/// Runs a PromQL instant query over Prometheus' HTTP API (<c>GET /api/v1/query</c>) and reads one value per
/// endpoint label from the vector result.
/// </summary>
internal sealed class PrometheusQueryClient(HttpClient http)
{
    /// <summary>The largest answer read: a query result per endpoint is kilobytes; more is a wrong URL or a hostile server.</summary>
    public const int MaxAnswerBytes = 64 << 20;

    // The setting every error here is about: the server's address.
    private const string Setting = nameof(DashboardSettings.PrometheusUrl);

    public async Task<DashboardReading> QueryAsync(DashboardSettings settings, CancellationToken cancellationToken)
    {
        var baseUrl = settings.PrometheusUrl ?? throw new ArgumentException("No Prometheus URL.", nameof(settings));
        var shown = SecretRedactor.Global.Redact(UrlCredentials.Mask(baseUrl.OriginalString));
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
            throw new UserInputException($"{shown} is not an http(s) URL; give the Prometheus server root, like http://localhost:9090.") { Input = Setting };
        var query = settings.PromQL ?? settings.DefaultQuery;
        var uri = new Uri(baseUrl, $"{baseUrl.AbsolutePath.TrimEnd('/')}/api/v1/query?query={Uri.EscapeDataString(query)}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.QueryTimeout);
        byte[] body;
        int status;
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            body = await BoundedContent.ReadAsync(response.Content, MaxAnswerBytes, timeout.Token);
        }
        catch (ContentTooLargeException)
        {
            throw TooLarge(shown);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UserInputException($"Prometheus at {shown} did not answer within {settings.QueryTimeout.TotalSeconds:F0} s; check the URL.") { Input = Setting };
        }
        catch (HttpRequestException ex)
        {
            throw new UserInputException($"Prometheus at {shown} could not be reached ({ex.Message}); check the URL and that Prometheus is running.", ex) { Input = Setting };
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new UserInputException($"Prometheus at {shown} answered HTTP {status} with something that is not its JSON API; check the URL (the server root, without /api/v1).") { Input = Setting };
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.TryGetProperty("status", out var s) && s.GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : "no error text";
                throw new UserInputException($"Prometheus rejected the query (HTTP {status}): {error}. Query: {query}");
            }
            var data = root.GetProperty("data");
            if (data.GetProperty("resultType").GetString() != "vector")
                throw new UserInputException($"The PromQL query must return an instant vector (one series per endpoint); got {data.GetProperty("resultType").GetString()}. Query: {query}");

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            var notes = new List<string>();
            foreach (var series in data.GetProperty("result").EnumerateArray())
            {
                if (!series.GetProperty("metric").TryGetProperty(settings.EndpointLabel, out var endpoint))
                {
                    notes.Add($"a series without the '{settings.EndpointLabel}' label was ignored; aggregate with sum by (le, {settings.EndpointLabel}).");
                    continue;
                }
                var text = series.GetProperty("value")[1].GetString()!;
                if (!PrometheusTextParser.TryParseValue(text, out var value) || !double.IsFinite(value))
                {
                    notes.Add($"{endpoint.GetString()}: the query returned {text} (no requests in the window?).");
                    continue;
                }
                values[endpoint.GetString()!] = value * settings.ValueToMilliseconds;
            }
            if (values.Count == 0)
                throw new UserInputException($"The PromQL query returned no usable series with a '{settings.EndpointLabel}' label. Query: {query}");
            return new DashboardReading(DashboardSource.PrometheusQuery, $"PromQL `{query}` at {shown}", values) { Notes = notes };
        }
    }

    private static UserInputException TooLarge(string shown) =>
        new($"Prometheus at {shown} answered more than {MaxAnswerBytes >> 20} MiB to one query; check the URL and the PromQL query (one P95 per endpoint is a few kilobytes).") { Input = Setting };
}
