using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Prometheus;

namespace Pipeline.Perf.ReferenceApi;

/// <summary>
/// A small API shaped like the product's: <c>POST /api/v1/chat</c> (a PostgreSQL query plus an OpenAI chat
/// completion), <c>POST /api/v1/sync-jobs</c> (inserts a job row), bearer-token protected, with
/// <c>/healthz</c> (ready once the database answers) and <c>/metrics</c> (Prometheus).
/// </summary>
public static class ReferenceApiServer
{
    private static readonly Dictionary<string, string> EndpointNames = new()
    {
        ["/api/v1/chat"] = "chat",
        ["/api/v1/sync-jobs"] = "sync-jobs",
    };

    public static async Task<WebApplication> StartAsync(ReferenceApiOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ServerMetrics());
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(options.DatabaseUrl).Build());
        builder.Services.AddHttpClient("openai", client =>
        {
            client.BaseAddress = options.OpenAIBaseUrl;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.OpenAIKey);
            client.Timeout = TimeSpan.FromSeconds(30);
        });

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        var database = app.Services.GetRequiredService<NpgsqlDataSource>();
        await Schema.EnsureAsync(database, cancellationToken);

        var expectedToken = Encoding.UTF8.GetBytes("Bearer " + options.Token);
        app.Use(async (context, next) =>
        {
            if (!EndpointNames.TryGetValue(context.Request.Path.Value ?? string.Empty, out var endpoint))
            {
                await next(context);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            var given = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expectedToken))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { error = "missing or wrong bearer token" });
            }
            else
            {
                await next(context);
            }
            metrics.RequestDuration.WithLabels(endpoint, context.Request.Method, context.Response.StatusCode.ToString())
                .Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        });

        app.MapGet("/healthz", async (CancellationToken token) =>
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(token);
            return Results.Text("ok");
        });
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapPost("/api/v1/chat", ChatAsync);
        app.MapPost("/api/v1/sync-jobs", SyncJobAsync);

        await app.StartAsync(cancellationToken);
        return app;
    }

    public static Uri BaseUri(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<IResult> ChatAsync(HttpRequest request, NpgsqlDataSource database, IHttpClientFactory clients,
        ReferenceApiOptions options, CancellationToken token)
    {
        var body = await ReadBodyAsync(request, token);
        var message = body?["message"]?.GetValue<string>() ?? "hello";
        var workspace = body?["workspace_id"]?.GetValue<string>() ?? "default";

        var sources = new List<object>();
        await using (var command = database.CreateCommand(
            "SELECT id, title FROM reference_documents WHERE workspace_id = $1 OR $1 = 'default' ORDER BY md5(title || $2) LIMIT 3"))
        {
            command.Parameters.AddWithValue(workspace);
            command.Parameters.AddWithValue(message);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token)) sources.Add(new { id = reader.GetInt32(0), title = reader.GetString(1) });
        }

        using var completion = await clients.CreateClient("openai").PostAsJsonAsync("chat/completions", new
        {
            model = options.Model,
            messages = new object[]
            {
                new { role = "system", content = "Answer from the workspace documents." },
                new { role = "user", content = message },
            },
        }, token);
        if (!completion.IsSuccessStatusCode)
            return Results.Json(new { error = $"upstream OpenAI answered {(int)completion.StatusCode}" }, statusCode: StatusCodes.Status502BadGateway);
        var answer = await completion.Content.ReadFromJsonAsync<JsonNode>(token);
        var text = answer?["choices"]?[0]?["message"]?["content"]?.GetValue<string>() ?? string.Empty;
        return Results.Json(new { answer = text, sources });
    }

    private static async Task<IResult> SyncJobAsync(HttpRequest request, NpgsqlDataSource database, ReferenceApiOptions options, CancellationToken token)
    {
        var body = await ReadBodyAsync(request, token);
        await Task.Delay(options.SyncJobWork, token); // the job's classification step
        await using var command = database.CreateCommand(
            "INSERT INTO reference_sync_jobs (source, workspace_id) VALUES ($1, $2) RETURNING id");
        command.Parameters.AddWithValue(body?["source"]?.GetValue<string>() ?? "unknown");
        command.Parameters.AddWithValue(body?["workspace_id"]?.GetValue<string>() ?? "default");
        var id = (long)(await command.ExecuteScalarAsync(token))!;
        return Results.Json(new { id, status = "queued" }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request, CancellationToken token)
    {
        if (request.ContentLength is 0) return null;
        try { return await JsonNode.ParseAsync(request.Body, cancellationToken: token); }
        catch (JsonException) { return null; }
    }
}
