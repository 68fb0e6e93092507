using Pipeline.Perf.Dashboard;

namespace Pipeline.Build.Tests;

public sealed class DashboardMetricTests
{
    const string ReferenceApiHistogram = "pipeline_http_server_request_duration_seconds";

    [Fact]
    public void The_default_dashboard_metric_is_the_histogram_the_reference_API_exposes()
    {
        var referenceApi = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Pipeline.Perf.ReferenceApi", "ServerMetrics.cs"));
        Assert.Contains($"\"{ReferenceApiHistogram}\"", referenceApi);
        Assert.Equal(ReferenceApiHistogram, DashboardSettings.DefaultHistogramMetric);

        using var run = new RealBuildRun();
        Assert.Equal(0, run.Run("--help"));
        Assert.Contains($"(default: {ReferenceApiHistogram})", run.Console);
    }
}
