using System.Diagnostics;
using Pipeline.Core.Tools;
using Pipeline.Perf.ReferenceApi;
using Serilog;

namespace Pipeline.Perf.Load;

/// <summary>
/// The reference API running as a child process on 127.0.0.1 (a free port it picks itself). Started
/// through Core's tool runner, ready once <c>/healthz</c> answers 200 (the database is reachable);
/// disposing it kills the process. The process also exits by itself if this one dies.
/// </summary>
internal sealed class ReferenceApiProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;

    private ReferenceApiProcess(Uri baseUri, CancellationTokenSource stop, Task running)
    {
        BaseUri = baseUri;
        _stop = stop;
        _running = running;
    }

    public Uri BaseUri { get; }

    public Uri MetricsUri => new(BaseUri, "metrics");

    public static async Task<ReferenceApiProcess> StartAsync(ReferenceApiLaunch launch, ToolRunner tools, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(launch.AssemblyPath))
            throw new ToolException($"The reference API ({launch.AssemblyPath}) is missing; rebuild the build project (./build.sh compiles it) or run against your own API by giving its base URL.");

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var command = new ToolCommand(DotNetHost(), [launch.AssemblyPath])
        {
            Timeout = TimeSpan.FromDays(1),
            SuccessExitCodes = new HashSet<int>(Enumerable.Range(-255, 512)),
            Environment = new Dictionary<string, string?>
            {
                [ReferenceApiOptions.DatabaseUrlVariable] = launch.DatabaseUrl,
                [ReferenceApiOptions.OpenAIBaseUrlVariable] = launch.OpenAIBaseUrl.ToString(),
                [ReferenceApiOptions.OpenAIKeyVariable] = launch.OpenAIKey,
                [ReferenceApiOptions.TokenVariable] = launch.Token,
                [ReferenceApiOptions.ParentProcessVariable] = Environment.ProcessId.ToString(),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            OnStandardOutputLine = line =>
            {
                if (line.StartsWith(ReferenceApiOptions.ListeningPrefix, StringComparison.Ordinal))
                    listening.TrySetResult(new Uri(line[ReferenceApiOptions.ListeningPrefix.Length..].Trim()));
            },
            LogStandardOutput = true,
        };

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = tools.RunAsync(command, stop.Token);
        _ = running.ContinueWith(t => listening.TrySetException(new ToolException(
            "The reference API exited before it was ready" + (t.Exception?.GetBaseException() is { } e ? $": {e.Message}" : t.IsCompletedSuccessfully
                ? $" (exit code {t.Result.ExitCode}): {t.Result.StandardErrorTail()}" : "."))), TaskScheduler.Default);

        var process = new ReferenceApiProcess(new Uri("http://127.0.0.1/"), stop, running);
        try
        {
            var deadline = Stopwatch.StartNew();
            var baseUri = await listening.Task.WaitAsync(launch.StartTimeout, cancellationToken);
            process = new ReferenceApiProcess(baseUri, stop, running);
            await WaitUntilHealthyAsync(baseUri, launch.StartTimeout - deadline.Elapsed, cancellationToken);
            logger.Information("Reference API ready at {BaseUri:l}", baseUri.ToString());
            return process;
        }
        catch (TimeoutException)
        {
            await process.DisposeAsync();
            throw new ToolException($"The reference API was not ready within {launch.StartTimeout.TotalSeconds:0} s (no answer from /healthz). Check the log for its stderr.");
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; }
        catch (OperationCanceledException) { }
        catch (ToolException) { }
        _stop.Dispose();
    }

    /// <summary>Readiness probe: /healthz answers 200 once the API listens and its database answers.</summary>
    private static async Task WaitUntilHealthyAsync(Uri baseUri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string last = "no answer";
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(baseUri, "healthz"), cancellationToken);
                if (response.IsSuccessStatusCode) return;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception) { last = exception.Message; }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { last = "timeout"; }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        throw new TimeoutException($"/healthz: {last}");
    }

    /// <summary>The dotnet host running this process (the build runs as 'dotnet _build.dll'), else dotnet on PATH.</summary>
    private static string DotNetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return ToolLocator.Find("dotnet") ?? "dotnet";
    }
}
