namespace Pipeline.Perf.Statistics;

/// <summary>The built-in k6 metric and tag names Summarize reads.</summary>
public static class K6MetricNames
{
    public const string HttpReqDuration = "http_req_duration";
    public const string HttpReqs = "http_reqs";
    public const string HttpReqFailed = "http_req_failed";
    public const string Checks = "checks";

    public const string NameTag = "name";
    public const string StatusTag = "status";
    public const string ErrorCodeTag = "error_code";
    public const string ExpectedResponseTag = "expected_response";
}
