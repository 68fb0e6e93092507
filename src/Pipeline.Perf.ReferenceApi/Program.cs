using System.Diagnostics;
using Pipeline.Perf.ReferenceApi;

// Started by RunP95 (Pipeline.Perf's ReferenceApiProcess); settings come from the environment.
ReferenceApiOptions options;
try
{
    options = ReferenceApiOptions.FromEnvironment();
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

WebApplication app;
try
{
    app = await ReferenceApiServer.StartAsync(options, stop.Token);
}
catch (Exception exception)
{
    Console.Error.WriteLine($"The reference API could not start: {exception.Message}");
    return 1;
}

Console.WriteLine(ReferenceApiOptions.ListeningPrefix + ReferenceApiServer.BaseUri(app));

// If RunP95 dies without stopping us (kill -9), do not linger: watch the parent.
if (options.ParentProcessId is { } parentId)
{
    _ = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try { using var parent = Process.GetProcessById(parentId); if (parent.HasExited) break; }
            catch (ArgumentException) { break; }
            await Task.Delay(1000);
        }
        stop.Cancel();
    });
}

try { await Task.Delay(Timeout.Infinite, stop.Token); }
catch (OperationCanceledException) { }
await app.StopAsync();
return 0;
