using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Tests.Http;

/// <summary>
/// A real Kestrel server on 127.0.0.1:0 whose <c>/body</c> streams <c>bytes</c> of 'a' chunked (no Content-Length),
/// from one reused buffer: the body is sent, never allocated.
/// </summary>
internal sealed class StreamingStubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamingStubServer(WebApplication app, Uri baseUri) => (_app, BaseUri) = (app, baseUri);

    public Uri BaseUri { get; }

    public long BytesSent => Interlocked.Read(ref _bytesSent);
    private long _bytesSent;

    public static async Task<StreamingStubServer> StartAsync(long bytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        StreamingStubServer? stub = null;
        app.MapGet("/body", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            try
            {
                for (long left = bytes; left > 0; left -= chunk.Length)
                {
                    var size = (int)Math.Min(chunk.Length, left);
                    await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted);
                    Interlocked.Add(ref stub!._bytesSent, size);
                }
            }
            catch (OperationCanceledException)
            {
                // The client stopped reading: that is what a bounded reader does.
            }
        });
        await app.StartAsync();
        var address = ((IServer)app.Services.GetService(typeof(IServer))!).Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub = new StreamingStubServer(app, new Uri(address));
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
