namespace Pipeline.Perf.Scenario;

/// <summary>
/// One endpoint of a load scenario. <see cref="Name"/> is k6's <c>name</c> tag (and its <c>url</c> tag),
/// so results are grouped by it; <see cref="Share"/> is its weight in the request mix.
/// </summary>
public sealed record ScenarioEndpoint(string Name, string Method, string Path)
{
    /// <summary>The request body as sent (JSON text), or null for none.</summary>
    public string? Body { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Relative weight; shares are normalised over all endpoints.</summary>
    public double Share { get; init; } = 1;

    /// <summary>k6 threshold expressions on <c>http_req_duration{name:&lt;Name&gt;}</c>, e.g. <c>p(95)&lt;1000</c>.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>The k6 submetric the endpoint's thresholds apply to.</summary>
    public string DurationMetric => $"http_req_duration{{name:{Name}}}";
}
