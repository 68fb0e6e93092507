using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Perf.Statistics;
using Pipeline.Core.Time;

namespace Pipeline.Perf.Scenario;

/// <summary>
/// Reads a scenario file (schema: scripts/perf/p95.scenario.schema.json). Every mistake is reported as a
/// <see cref="ScenarioException"/> naming the file and the JSON path of the field, e.g.
/// <c>$.endpoints[1].share</c>, with what is expected there.
/// </summary>
internal static partial class ScenarioFile
{
    internal static readonly string[] TopLevelFields =
        ["$schema", "description", "name", "model", "requests", "concurrency", "rate", "duration", "requestTimeout", "maxRedirects", "endpoints", "thresholds"];

    internal static readonly string[] EndpointFields = ["name", "method", "path", "body", "headers", "share", "thresholds"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static LoadScenario Load(string path)
    {
        if (!File.Exists(path))
            throw new ScenarioException($"Scenario file '{path}' does not exist. Give an existing scenario file (the default is scripts/perf/p95.scenario.json).");
        return Parse(File.ReadAllText(path), path);
    }

    public static LoadScenario Parse(string json, string source = "scenario")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new ScenarioException($"{source}: not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): {FirstSentence(exception.Message)} Fix the syntax and run again.");
        }

        using (document)
        {
            var reader = new FieldReader(source);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw reader.Error("$", "must be a JSON object");
            reader.RejectUnknown(root, "$", TopLevelFields);

            var name = reader.OptionalString(root, "$", "name") ?? "p95";
            if (!TagSafe().IsMatch(name)) throw reader.Error("$.name", $"'{name}' must be letters, digits, '-' or '_' (it becomes k6's scenario tag)");

            var model = (reader.OptionalString(root, "$", "model") ?? "closed") switch
            {
                "closed" => LoadModel.Closed,
                "open" => LoadModel.Open,
                var other => throw reader.Error("$.model", $"'{other}' is not a model; use \"closed\" (k6 shared-iterations) or \"open\" (k6 constant-arrival-rate)"),
            };
            var requests = reader.OptionalInt(root, "$", "requests", 1, LoadScenario.MaxRequests) ?? LoadScenario.DefaultRequests;
            var concurrency = reader.OptionalInt(root, "$", "concurrency", 1, LoadScenario.MaxConcurrency) ?? LoadScenario.DefaultConcurrency;
            var rate = reader.OptionalNumber(root, "$", "rate", positive: true);
            if (model == LoadModel.Open && rate is null) throw reader.Error("$.rate", "is required for the open model (requests started per second, e.g. 50)");
            var duration = reader.OptionalDuration(root, "$", "duration");
            var timeout = reader.OptionalDuration(root, "$", "requestTimeout") ?? LoadScenario.DefaultRequestTimeout;
            var maxRedirects = reader.OptionalInt(root, "$", "maxRedirects", 0, 100) ?? LoadScenario.DefaultMaxRedirects;

            if (!root.TryGetProperty("endpoints", out var endpointsElement))
                throw reader.Error("$.endpoints", "is missing; list at least one endpoint (name, method, path)");
            if (endpointsElement.ValueKind != JsonValueKind.Array || endpointsElement.GetArrayLength() == 0)
                throw reader.Error("$.endpoints", "must be a non-empty array of endpoints");

            var endpoints = new List<ScenarioEndpoint>();
            var index = 0;
            foreach (var element in endpointsElement.EnumerateArray())
            {
                var at = $"$.endpoints[{index++}]";
                endpoints.Add(ReadEndpoint(reader, element, at));
                if (endpoints.Count(e => e.Name == endpoints[^1].Name) > 1)
                    throw reader.Error($"{at}.name", $"'{endpoints[^1].Name}' is used by two endpoints; names must be unique (they tag the results)");
            }

            var thresholds = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (root.TryGetProperty("thresholds", out var thresholdsElement))
            {
                if (thresholdsElement.ValueKind != JsonValueKind.Object)
                    throw reader.Error("$.thresholds", "must be an object mapping a metric to threshold expressions, e.g. {\"http_req_failed\": [\"rate<0.01\"]}");
                foreach (var metric in thresholdsElement.EnumerateObject())
                    thresholds[metric.Name] = reader.Thresholds(metric.Value, $"$.thresholds['{metric.Name}']", metric.Name);
            }

            return new LoadScenario(name, endpoints)
            {
                Model = model,
                Requests = requests,
                Concurrency = concurrency,
                Rate = rate,
                Duration = duration,
                RequestTimeout = timeout,
                MaxRedirects = maxRedirects,
                Thresholds = thresholds,
            };
        }
    }

    private static ScenarioEndpoint ReadEndpoint(FieldReader reader, JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object) throw reader.Error(at, "must be an object with name, method and path");
        reader.RejectUnknown(element, at, EndpointFields);
        var name = reader.RequiredString(element, at, "name");
        if (!TagSafe().IsMatch(name)) throw reader.Error($"{at}.name", $"'{name}' must be letters, digits, '-' or '_' (it becomes k6's name tag)");
        var method = (reader.OptionalString(element, at, "method") ?? "GET").ToUpperInvariant();
        if (!Methods.Contains(method)) throw reader.Error($"{at}.method", $"'{method}' is not an HTTP method; use one of {string.Join(", ", Methods)}");
        var path = reader.RequiredString(element, at, "path");
        if (EndpointPath.Problem(path) is { } problem) throw reader.Error($"{at}.path", $"'{path}' {problem}");

        string? body = null;
        if (element.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
            body = bodyElement.ValueKind == JsonValueKind.String ? bodyElement.GetString() : bodyElement.GetRawText();

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element.TryGetProperty("headers", out var headersElement))
        {
            if (headersElement.ValueKind != JsonValueKind.Object) throw reader.Error($"{at}.headers", "must be an object of header names to string values");
            foreach (var header in headersElement.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.String) throw reader.Error($"{at}.headers['{header.Name}']", "must be a string");
                headers[header.Name] = header.Value.GetString()!;
            }
        }

        var share = reader.OptionalNumber(element, at, "share", positive: true) ?? 1;
        var endpoint = new ScenarioEndpoint(name, method, path) { Body = body, Headers = headers, Share = share };
        return element.TryGetProperty("thresholds", out var t) ? endpoint with { Thresholds = reader.Thresholds(t, $"{at}.thresholds", endpoint.DurationMetric) } : endpoint;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex TagSafe();

    /// <summary>Typed access to fields with errors that name the file and the JSON path.</summary>
    private sealed class FieldReader(string source)
    {
        public ScenarioException Error(string path, string problem) =>
            new($"{source}: {path} {problem}. See scripts/perf/p95.scenario.schema.json.");

        public void RejectUnknown(JsonElement element, string at, string[] allowed)
        {
            foreach (var property in element.EnumerateObject())
                if (!allowed.Contains(property.Name))
                    throw Error($"{at}.{property.Name}", $"is not a known field (known: {string.Join(", ", allowed.Where(a => a != "$schema"))})");
        }

        public string RequiredString(JsonElement element, string at, string field) =>
            OptionalString(element, at, field) is { Length: > 0 } value ? value : throw Error($"{at}.{field}", "is required and must be a non-empty string");

        public string? OptionalString(JsonElement element, string at, string field)
        {
            if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.String) throw Error($"{at}.{field}", $"must be a string, not {Describe(value)}");
            return value.GetString();
        }

        public int? OptionalInt(JsonElement element, string at, string field, int min, int max)
        {
            if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
                throw Error($"{at}.{field}", $"must be a whole number, not {Describe(value)}");
            if (number < min || number > max) throw Error($"{at}.{field}", $"is {number}; it must be between {min} and {max}");
            return number;
        }

        public double? OptionalNumber(JsonElement element, string at, string field, bool positive)
        {
            if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind != JsonValueKind.Number) throw Error($"{at}.{field}", $"must be a number, not {Describe(value)}");
            var number = value.GetDouble();
            if (positive && !(number > 0)) throw Error($"{at}.{field}", $"is {value.GetRawText()}; it must be greater than 0");
            return number;
        }

        public TimeSpan? OptionalDuration(JsonElement element, string at, string field)
        {
            var text = OptionalString(element, at, field);
            if (text is null) return null;
            if (!Duration.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
                throw Error($"{at}.{field}", $"'{text}' is not a duration; write it like k6 does: {Duration.Examples}");
            return duration;
        }

        public IReadOnlyList<string> Thresholds(JsonElement element, string at, string metric)
        {
            if (element.ValueKind != JsonValueKind.Array) throw Error(at, "must be an array of k6 threshold expressions, e.g. [\"p(95)<1000\"]");
            var list = new List<string>();
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var itemPath = $"{at}[{index++}]";
                if (item.ValueKind != JsonValueKind.String) throw Error(itemPath, $"must be a string, not {Describe(item)}");
                var text = item.GetString()!;
                ThresholdRule rule;
                try { rule = ThresholdRule.Parse(metric, text); }
                catch (FormatException exception) { throw Error(itemPath, $"'{text}' is not a k6 threshold on {metric} ({exception.Message})"); }
                if (rule.TagValue?.Contains(',') == true)
                    throw Error(itemPath, $"is on '{metric}', which filters on more than one tag; use one tag per threshold, e.g. http_req_duration{{name:chat}}");
                list.Add(text);
            }
            return list;
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{value.GetString()}\"",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        };
    }
}
