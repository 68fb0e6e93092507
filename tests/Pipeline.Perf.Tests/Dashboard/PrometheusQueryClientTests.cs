using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Errors;
using Pipeline.Perf.Dashboard;

namespace Pipeline.Perf.Tests.Dashboard;

/// <summary>Against a real Kestrel server on loopback that answers like Prometheus' HTTP API.</summary>
public sealed class PrometheusQueryClientTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private Uri _url = null!;
    private string? _lastQuery;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/prom/api/v1/query", (HttpContext context) =>
        {
            _lastQuery = context.Request.Query["query"];
            return Microsoft.AspNetCore.Http.Results.Text("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"endpoint":"chat"},"value":[1764110000.123,"0.981"]},
                  {"metric":{"endpoint":"sync-jobs"},"value":[1764110000.123,"0.4"]},
                  {"metric":{"endpoint":"idle"},"value":[1764110000.123,"NaN"]}]}}
                """, "application/json");
        });
        _app.MapGet("/bad/api/v1/query", () => Microsoft.AspNetCore.Http.Results.Json(
            new { status = "error", errorType = "bad_data", error = "parse error at char 5" }, statusCode: 400));
        _app.MapGet("/slow/api/v1/query", async (CancellationToken ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        _app.MapGet("/huge/api/v1/query", async (HttpContext context) =>
        {
            var chunk = new byte[1 << 20];
            for (var i = 0; i <= PrometheusQueryClient.MaxAnswerBytes >> 20; i++) await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        });
        await _app.StartAsync();
        _url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Reads_one_p95_per_endpoint_in_milliseconds_and_sends_the_default_query()
    {
        using var http = new HttpClient();
        var reading = await new PrometheusQueryClient(http).QueryAsync(
            new DashboardSettings { PrometheusUrl = new Uri(_url, "/prom") }, CancellationToken.None);

        Assert.Equal(981, reading.P95Ms["chat"], 9);
        Assert.Equal(400, reading.P95Ms["sync-jobs"], 9);
        Assert.False(reading.P95Ms.ContainsKey("idle"));
        Assert.Contains(reading.Notes, n => n.Contains("idle") && n.Contains("NaN"));
        Assert.Equal(new DashboardSettings().DefaultQuery, _lastQuery);
        Assert.Contains("pipeline_http_server_request_duration_seconds_bucket", _lastQuery);
    }

    [Fact]
    public async Task A_rejected_query_reports_prometheus_error_text()
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<UserInputException>(() => new PrometheusQueryClient(http).QueryAsync(
            new DashboardSettings { PrometheusUrl = new Uri(_url, "/bad"), PromQL = "histogram_quantile(" }, CancellationToken.None));
        Assert.Contains("parse error at char 5", error.Message);
        Assert.Contains("histogram_quantile(", error.Message);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_fails_after_the_timeout_naming_the_url()
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<UserInputException>(() => new PrometheusQueryClient(http).QueryAsync(
            new DashboardSettings { PrometheusUrl = new Uri(_url, "/slow"), QueryTimeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None));
        Assert.Equal(nameof(DashboardSettings.PrometheusUrl), error.Input);
    }

    [Fact]
    public async Task Something_that_is_not_prometheus_is_reported_as_such()
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<UserInputException>(() => new PrometheusQueryClient(http).QueryAsync(
            new DashboardSettings { PrometheusUrl = new Uri(_url, "/nothing-here") }, CancellationToken.None));
        Assert.Contains("not its JSON API", error.Message);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/prom", "not an http(s) URL")]
    [InlineData("http://127.0.0.1:1", "could not be reached")]
    public async Task A_wrong_or_refused_url_is_one_line_naming_prometheus_and_the_url(string url, string expected)
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<UserInputException>(() => new PrometheusQueryClient(http).QueryAsync(
            new DashboardSettings { PrometheusUrl = new Uri(url) }, CancellationToken.None));
        Assert.Contains(expected, error.Message);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.Equal(nameof(DashboardSettings.PrometheusUrl), error.Input);
    }

    [Fact]
    public async Task An_answer_over_the_cap_is_refused_naming_the_url_without_holding_it_all()
    {
        using var http = new HttpClient();
        var error = await Assert.ThrowsAsync<UserInputException>(() => new PrometheusQueryClient(http).QueryAsync(
            new DashboardSettings { PrometheusUrl = new Uri(_url, "/huge") }, CancellationToken.None));
        Assert.Contains("more than 64 MiB", error.Message);
        Assert.Contains(_url.Host, error.Message);
    }
}
