using System.Text.Json.Nodes;
using Pipeline.Perf.K6Results;
using Pipeline.Perf.Statistics;
using Pipeline.Perf.Tests.K6Results;

namespace Pipeline.Perf.Tests.Statistics;

/// <summary>Every figure computed from k6's raw points equals k6's own summary export of the same run.</summary>
public sealed class FixtureParityTests : IDisposable
{
    private static readonly string[] Trends =
        ["http_req_blocked", "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting", "http_req_receiving", "iteration_duration"];

    private readonly K6Fixture _fixture = new();
    private readonly JsonObject _k6 = (JsonObject)K6Fixture.Summary["metrics"]!;
    private readonly RunStatistics _run = K6ResultReader.Read([K6Fixture.Ndjson], new K6ResultReaderOptions { TrackTrendValues = Trends });

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Http_req_duration_overall_equals_k6_to_the_last_bit()
    {
        AssertTrendEquals("http_req_duration", _run.Overall);
        Assert.Equal(313, _run.Overall.Count);
    }

    [Fact]
    public void Endpoint_submetric_equals_k6_to_the_last_bit()
    {
        var chat = _run.Endpoints.Single(e => e.Name == "chat");
        AssertTrendEquals("http_req_duration{name:chat}", chat.Latency);
        Assert.Equal(200, chat.Latency.Count);
    }

    [Fact]
    public void Expected_response_submetric_equals_k6_to_the_last_bit() =>
        AssertTrendEquals("http_req_duration{expected_response:true}", _run.ExpectedResponseOnly!);

    [Theory]
    [InlineData("http_req_blocked")]
    [InlineData("http_req_connecting")]
    [InlineData("http_req_tls_handshaking")]
    [InlineData("http_req_sending")]
    [InlineData("http_req_waiting")]
    [InlineData("http_req_receiving")]
    [InlineData("iteration_duration")]
    public void Other_trends_equal_k6_to_the_last_bit(string metric) => AssertTrendEquals(metric, _run.Metrics[metric].Trend!);

    [Fact]
    public void Counters_rates_and_gauges_equal_k6()
    {
        Assert.Equal(_k6["http_reqs"]!["count"]!.GetValue<double>(), _run.Metrics["http_reqs"].Count);
        Assert.Equal(_k6["iterations"]!["count"]!.GetValue<double>(), _run.Metrics["iterations"].Count);
        Assert.Equal(_k6["data_sent"]!["count"]!.GetValue<double>(), _run.Metrics["data_sent"].Count);
        Assert.Equal(_k6["data_received"]!["count"]!.GetValue<double>(), _run.Metrics["data_received"].Count);
        foreach (var rate in new[] { "http_req_failed", "checks" })
        {
            Assert.Equal(_k6[rate]!["passes"]!.GetValue<long>(), _run.Metrics[rate].Passes);
            Assert.Equal(_k6[rate]!["fails"]!.GetValue<long>(), _run.Metrics[rate].Fails);
            Assert.Equal(_k6[rate]!["value"]!.GetValue<double>(), _run.Metrics[rate].Value);
        }
        Assert.Equal(_k6["vus_max"]!["max"]!.GetValue<double>(), _run.Metrics["vus_max"].Max);
    }

    [Fact]
    public void Rate_uses_the_span_of_the_samples_and_is_within_a_percent_of_k6()
    {
        // k6 divides by the test's run time, which the NDJSON does not record; the samples span 4.780 s of 4.785 s.
        var k6Rate = _k6["http_reqs"]!["rate"]!.GetValue<double>();
        Assert.Equal(313 / _run.DurationSeconds!.Value, _run.Overall.Rate);
        Assert.InRange(_run.Overall.Rate!.Value, k6Rate * 0.99, k6Rate * 1.01);
    }

    [Fact]
    public void Status_breakdown_counts_429_5xx_and_network_errors_with_their_codes()
    {
        var all = _run.OverallStatus!;
        Assert.Equal(313, all.Total);
        Assert.Equal(191 + 109, all.Success2xx);
        Assert.Equal(5, all.TooManyRequests429);
        Assert.Equal(0, all.OtherClientErrors4xx);
        Assert.Equal(5, all.ServerErrors5xx);
        Assert.Equal(3, all.NetworkErrors);
        Assert.Equal(3, all.NetworkErrorCodes["1212"]);
        var chat = _run.Endpoints.Single(e => e.Name == "chat");
        Assert.Equal(9.0 / 200, chat.FailedRate);
        Assert.Equal(new[] { "chat", "sync-jobs", "unreachable" }, _run.Endpoints.Select(e => e.Name));
    }

    [Fact]
    public void Thresholds_declared_in_the_ndjson_and_the_export_are_evaluated_like_k6()
    {
        var export = K6ResultReader.Read([K6Fixture.SummaryExport]);
        var rules = export.DeclaredThresholds.Select(r => (r, "summary export")).Concat(_run.DeclaredThresholds.Select(r => (r, "ndjson")));
        var results = ThresholdEvaluator.Evaluate(_run, rules);

        Assert.Equal(2, results.Count); // rate<0.10 appears in both sources and is listed once
        var chat = results.Single(r => r.Rule.Key == "http_req_duration{name:chat}");
        Assert.Equal(_k6["http_req_duration{name:chat}"]!["p(95)"]!.GetValue<double>(), chat.Observed);
        Assert.True(chat.Passed);
        Assert.True(export.K6Verdicts["http_req_duration{name:chat} p(95)<1000"]);
        var failed = results.Single(r => r.Rule.Key == "http_req_failed");
        Assert.Equal(13.0 / 313, failed.Observed);
        Assert.True(failed.Passed);
    }

    [Fact]
    public void A_threshold_that_is_crossed_fails_and_an_unavailable_one_is_unknown()
    {
        var results = ThresholdEvaluator.Evaluate(_run, [
            (ThresholdRule.Parse("http_req_duration{name:chat}", "p(95)<150"), "scenario"),
            (ThresholdRule.Parse("http_req_duration{name:chat}", "p(99.9)<1000"), "scenario"),
            (ThresholdRule.Parse("http_req_duration{name:nope}", "p(95)<1000"), "scenario"),
        ]);
        Assert.False(results[0].Passed);
        Assert.True(results[1].Passed);
        Assert.Null(results[2].Passed);
        Assert.Null(results[0].NotEvaluatedBecause);
        Assert.StartsWith("the results have no points for http_req_duration{name:nope}; the results have name:", results[2].NotEvaluatedBecause);
    }

    [Fact]
    public void Summary_export_gives_k6s_aggregates_and_says_it_has_only_aggregates()
    {
        var export = K6ResultReader.Read([K6Fixture.SummaryExport]);
        Assert.Equal(ResultSource.SummaryExport, export.Source);
        Assert.Contains(K6SummaryExportReader.AggregatesOnlyNote, export.Notes);
        var chat = export.Endpoints.Single(e => e.Name == "chat");
        Assert.Equal(_run.Endpoints.Single(e => e.Name == "chat").Latency.P95, chat.Latency.P95);
        Assert.Null(chat.Latency.Count);
        Assert.Null(chat.Status);
        Assert.Equal(313, export.Overall.Count);
    }

    [Fact]
    public void A_summary_export_cannot_be_merged_with_other_files()
    {
        var error = Assert.Throws<K6ResultFormatException>(() => K6ResultReader.Read([K6Fixture.SummaryExport, K6Fixture.Ndjson]));
        Assert.Contains("cannot be merged", error.Message);
    }

    private void AssertTrendEquals(string k6Metric, TrendStatistics ours)
    {
        var k6 = _k6[k6Metric]!;
        Assert.Equal(k6["avg"]!.GetValue<double>(), ours.Avg);
        Assert.Equal(k6["min"]!.GetValue<double>(), ours.Min);
        Assert.Equal(k6["med"]!.GetValue<double>(), ours.Med);
        Assert.Equal(k6["max"]!.GetValue<double>(), ours.Max);
        Assert.Equal(k6["p(90)"]!.GetValue<double>(), ours.P90);
        Assert.Equal(k6["p(95)"]!.GetValue<double>(), ours.P95);
    }
}
