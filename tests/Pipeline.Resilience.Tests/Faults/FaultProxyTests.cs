using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipeline.Resilience.Faults;
using Serilog.Core;

namespace Pipeline.Resilience.Tests.Faults;

/// <summary>Every toxic against real sockets: a client, the proxy and an echo server, all on loopback.</summary>
public sealed class FaultProxyTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly EchoServer _echo = new();
    private FaultProxy _proxy = null!;
    private readonly List<Socket> _clients = [];

    public Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(new FaultProxySettings(_echo.EndPoint), Logger.None);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _proxy.DisposeAsync();
        await _echo.DisposeAsync();
    }

    [Fact]
    public async Task Passes_data_both_ways_without_toxics()
    {
        var client = await ConnectAsync();

        Assert.Equal("hello", await EchoAsync(client, "hello"));
        Assert.Equal(1, _proxy.AcceptedConnections);
    }

    [Fact]
    public async Task Down_refuses_new_connections_and_closes_open_ones_then_up_serves_the_same_port()
    {
        var open = await ConnectAsync();
        Assert.Equal("before", await EchoAsync(open, "before"));
        var port = _proxy.Port;

        _proxy.Down();

        Assert.True(await IsClosedAsync(open));
        var refused = await Assert.ThrowsAsync<SocketException>(() => ConnectAsync());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        _proxy.Up();

        Assert.Equal(port, _proxy.Port);
        Assert.Equal("after", await EchoAsync(await ConnectAsync(), "after"));
    }

    [Fact]
    public async Task Reset_peer_cuts_the_answer_with_a_tcp_reset()
    {
        var client = await ConnectAsync();
        Assert.Equal("ok", await EchoAsync(client, "ok"));

        _proxy.AddToxic(new ResetPeerToxic());
        await client.SendAsync(Encoding.ASCII.GetBytes("query"), SocketFlags.None);

        var reset = await Assert.ThrowsAsync<SocketException>(() => ReceiveAsync(client, 5));
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
    }

    [Fact]
    public async Task Latency_delays_each_answer_and_can_be_removed_at_run_time()
    {
        var client = await ConnectAsync();
        _proxy.AddToxic(new LatencyToxic(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50)));

        var watch = Stopwatch.StartNew();
        Assert.Equal("slow", await EchoAsync(client, "slow"));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(245), $"round trip {watch.Elapsed.TotalMilliseconds} ms");

        Assert.True(_proxy.RemoveToxic("latency_downstream"));
        Assert.Empty(_proxy.Toxics);
        Assert.Equal("fast", await EchoAsync(client, "fast"));
    }

    [Fact]
    public async Task Timeout_zero_is_a_black_hole_until_removed()
    {
        var client = await ConnectAsync();
        using (_proxy.With(new TimeoutToxic { Stream = ToxicStream.Upstream }))
        {
            await client.SendAsync(Encoding.ASCII.GetBytes("lost"), SocketFlags.None);
            using var silence = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReceiveAsync(new byte[16], SocketFlags.None, silence.Token).AsTask());
        }

        Assert.Empty(_proxy.Toxics);
        Assert.Equal("found", await EchoAsync(client, "found"));
    }

    [Fact]
    public async Task Timeout_with_a_delay_closes_the_connection_after_it()
    {
        var client = await ConnectAsync();
        _proxy.AddToxic(new TimeoutToxic(TimeSpan.FromMilliseconds(200)));

        var watch = Stopwatch.StartNew();
        await client.SendAsync(Encoding.ASCII.GetBytes("ping"), SocketFlags.None);

        Assert.True(await IsClosedAsync(client));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"closed after {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Bandwidth_limits_the_throughput()
    {
        var client = await ConnectAsync();
        _proxy.AddToxic(new BandwidthToxic(20_000));
        var payload = new string('x', 10_000);

        var watch = Stopwatch.StartNew();
        Assert.Equal(payload, await EchoAsync(client, payload));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(450), $"10 kB took {watch.Elapsed.TotalMilliseconds} ms at 20 kB/s");
    }

    [Fact]
    public async Task Limit_data_passes_exactly_the_limit_then_closes()
    {
        var client = await ConnectAsync();
        _proxy.AddToxic(new LimitDataToxic(100));

        await client.SendAsync(new byte[300], SocketFlags.None);
        var received = await ReadToEndAsync(client);

        Assert.Equal(100, received);
    }

    [Fact]
    public async Task Toxics_count_only_their_own_direction()
    {
        var client = await ConnectAsync();
        _proxy.AddToxic(new LimitDataToxic(10) { Stream = ToxicStream.Upstream });

        // 8 bytes up and 8 down: only the upstream count (8) matters, so this passes.
        Assert.Equal("12345678", await EchoAsync(client, "12345678"));
        await client.SendAsync(Encoding.ASCII.GetBytes("abcdef"), SocketFlags.None);

        Assert.True(await IsClosedAsync(client));
        Assert.Equal("limit_data_upstream", _proxy.Toxics.Single().Name);
    }

    [Fact]
    public void A_second_toxic_with_the_same_name_is_refused()
    {
        _proxy.AddToxic(new LatencyToxic(TimeSpan.FromMilliseconds(10)));

        var error = Assert.Throws<InvalidOperationException>(() => _proxy.AddToxic(new LatencyToxic(TimeSpan.FromMilliseconds(20))));
        Assert.Contains("latency_downstream", error.Message);
        _proxy.AddToxic(new LatencyToxic(TimeSpan.FromMilliseconds(20)) { Name = "second" });
        Assert.Equal(2, _proxy.Toxics.Count);
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _clients.Add(socket);
        using var deadline = new CancellationTokenSource(Deadline);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _proxy.Port), deadline.Token);
        return socket;
    }

    private static async Task<string> EchoAsync(Socket socket, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        await socket.SendAsync(bytes, SocketFlags.None);
        return Encoding.ASCII.GetString(await ReceiveAsync(socket, bytes.Length));
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket, int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var buffer = new byte[count];
        var offset = 0;
        while (offset < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(offset), SocketFlags.None, deadline.Token);
            if (read == 0) throw new EndOfStreamException($"closed after {offset} of {count} bytes");
            offset += read;
        }
        return buffer;
    }

    private static async Task<int> ReadToEndAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var buffer = new byte[4096];
        var total = 0;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0) total += read;
        }
        catch (SocketException)
        {
            // A close with unread data may arrive as a reset; the count so far is what passed.
        }
        return total;
    }

    /// <summary>True when the peer closes or resets the connection within the deadline (data still in flight is drained).</summary>
    private static async Task<bool> IsClosedAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (await socket.ReceiveAsync(new byte[64], SocketFlags.None, deadline.Token) > 0) { }
            return true;
        }
        catch (SocketException exception)
        {
            return exception.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted;
        }
    }
}
