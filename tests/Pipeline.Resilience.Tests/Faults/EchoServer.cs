using System.Net;
using System.Net.Sockets;

namespace Pipeline.Resilience.Tests.Faults;

/// <summary>A real TCP server on loopback that sends back every byte it receives.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public EchoServer()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                _ = EchoAsync(client);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task EchoAsync(Socket client)
    {
        using var _ = client;
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
    }
}
