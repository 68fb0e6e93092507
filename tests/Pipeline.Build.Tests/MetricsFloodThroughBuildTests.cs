using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Build.Tests;

/// <summary>RunP95 through the real engine against an API whose <c>/metrics</c> floods after the first scrape.</summary>
public sealed class MetricsFloodThroughBuildTests
{
    [Fact]
    public async Task A_flooding_metrics_url_is_one_line_naming_it_and_its_cap_and_the_load_results_are_kept()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        await using var api = builder.Build();
        api.MapPost("/api/v1/{endpoint}", () => Results.Json(new { ok = true }));
        var scrapes = 0;
        api.MapGet("/metrics", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref scrapes) == 1) { await context.Response.WriteAsync("# TYPE up gauge\nup 1\n"); return; }
            var chunk = new byte[64 * 1024]; // the same buffer sent again and again: 1 GiB on the wire, 64 KiB in memory
            try { for (var sent = 0L; sent < 1L << 30; sent += chunk.Length) await context.Response.Body.WriteAsync(chunk, context.RequestAborted); }
            catch (OperationCanceledException) { } // the scraper stopped at its cap
        });
        await api.StartAsync();
        var baseUrl = ((IServer)api.Services.GetService(typeof(IServer))!).Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var run = new RealBuildRun();

        var exit = await Task.Run(() => run.Run("RunP95", "--engine", "builtin", "--base-url", baseUrl,
            "--metrics-url", baseUrl.Replace("http://", "http://ops:flood-pw-93@") + "/metrics",
            "--scenario", Path.Combine(RepositoryRoot.Path, "scripts", "perf", "p95.scenario.json")));

        Assert.True(exit == 0, run.Console);
        Assert.Contains("/metrics answered more than 64 MiB: not a /metrics exposition; check --metrics-url or leave it out", run.Console);
        Assert.Contains("http://ops:***@", run.Console);
        run.AssertNowhere("flood-pw-93");
        var reports = Path.Combine(run.Root, "reports");
        Assert.Single(Directory.GetFiles(reports, "p95_k6_*.json").Where(f => !f.EndsWith(".summary.json", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(reports, "*.prom"));
    }
}
