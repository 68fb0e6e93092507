using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Pipeline.Perf.Tests.Load;

/// <summary>A real Kestrel server on 127.0.0.1:0 with the endpoints the engine tests need.</summary>
internal sealed class TestApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApi(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentBag<string?> AuthorizationHeaders { get; } = [];

    public int Requests => AuthorizationHeaders.Count;

    /// <summary>Where <c>/away</c> redirects to (another server, for the cross-origin credential tests).</summary>
    public Uri? RedirectAwayTo { get; set; }

    /// <param name="stopAfterRequests">Shut the server down (like a crash) once it has seen this many requests.</param>
    public static async Task<TestApi> StartAsync(TimeSpan? chatDelay = null, int? stopAfterRequests = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new TestApi(app);
        app.Use(async (context, next) =>
        {
            api.AuthorizationHeaders.Add(context.Request.Headers.Authorization.FirstOrDefault());
            if (api.Requests == stopAfterRequests) _ = Task.Run(() => app.StopAsync());
            await next(context);
        });
        app.MapPost("/api/v1/chat", async (HttpContext context) =>
        {
            if (chatDelay is { } delay) await Task.Delay(delay);
            return HttpResults.Json(new { answer = "ok" });
        });
        app.MapPost("/api/v1/sync-jobs", () => HttpResults.Json(new { id = 1 }, statusCode: 202));
        app.MapGet("/metrics", () => HttpResults.Text($"# HELP test_requests_total Requests seen.\n# TYPE test_requests_total counter\ntest_requests_total {api.Requests}\n"));
        // The first scrape answers Prometheus text, every later one a 1 GiB stream (sent from one buffer, never allocated).
        var floodScrapes = 0;
        app.MapGet("/metrics-then-flood", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            if (Interlocked.Increment(ref floodScrapes) == 1)
            {
                await context.Response.WriteAsync("# TYPE test_requests_total counter\ntest_requests_total 1\n");
                return;
            }
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'#');
            try
            {
                for (var sent = 0L; sent < 1L << 30; sent += chunk.Length) await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The scraper stopped reading at its cap.
            }
        });
        app.MapGet("/fail", () => HttpResults.StatusCode(503));
        // Redirect chains: /redirect/3 -> /redirect/2 -> ... -> /redirect/0 (200); /loop forever; /away to RedirectAwayTo.
        app.MapMethods("/redirect/{hops:int}", ["GET", "POST"], (int hops) => hops > 0 ? HttpResults.Redirect($"/redirect/{hops - 1}") : HttpResults.Ok());
        app.MapGet("/loop", () => HttpResults.Redirect("/loop"));
        app.MapMethods("/away", ["GET", "POST"], () => HttpResults.Redirect(api.RedirectAwayTo!.ToString()));
        app.MapGet("/hang", async (CancellationToken token) => { await Task.Delay(Timeout.Infinite, token); return HttpResults.Ok(); });
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        api.BaseUri = new Uri(address);
        return api;
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
