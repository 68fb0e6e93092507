using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Pipeline.Resilience.Faults;

/// <summary>One client connection through the proxy: two pumps (upstream, downstream) that pass each chunk through the active toxics.</summary>
internal sealed class ProxiedConnection(long id, Socket client, FaultProxy proxy)
{
    private readonly Socket _server = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _closed = new();
    // Bytes passed per limit_data toxic, per direction; the toxic instance identifies its own count.
    private readonly ConcurrentDictionary<ActiveToxic, long> _counted = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<ActiveToxic, long> _swallowSince = new(ReferenceEqualityComparer.Instance);
    private int _closing;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closed.Token);
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(linked.Token))
            {
                connectTimeout.CancelAfter(proxy.Settings.UpstreamConnectTimeout);
                await _server.ConnectAsync(proxy.Upstream, connectTimeout.Token);
            }
            client.NoDelay = true;
            _server.NoDelay = true;
            var upstream = PumpAsync(client, _server, ToxicStream.Upstream, linked.Token);
            var downstream = PumpAsync(_server, client, ToxicStream.Downstream, linked.Token);
            await Task.WhenAny(upstream, downstream);
            // Half-closes are passed on by the pumps; wait for the other side unless the connection is torn down.
            await Task.WhenAll(upstream, downstream);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            proxy.Log.Debug("Proxy connection {Id} ended: {Message}", id, exception.Message);
        }
        finally
        {
            Close();
            proxy.Forget(id);
        }
    }

    /// <summary>Closes both sides normally (FIN).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        _closed.Cancel();
        client.Dispose();
        _server.Dispose();
    }

    /// <summary>Closes both sides with a TCP RST: the peers read "connection reset by peer".</summary>
    private void Reset()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        foreach (var socket in new[] { client, _server })
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
            }
            socket.Dispose();
        }
        _closed.Cancel();
    }

    private async Task PumpAsync(Socket source, Socket destination, ToxicStream direction, CancellationToken cancellationToken)
    {
        var buffer = new byte[proxy.Settings.BufferSize];
        var clock = proxy.Settings.Clock;
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = await source.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                destination.Shutdown(SocketShutdown.Send);
                return;
            }
            var chunk = new ReadOnlyMemory<byte>(buffer, 0, read);
            var deliver = true;
            foreach (var active in proxy.ActiveToxics)
            {
                if (active.Toxic.Stream != direction) continue;
                switch (active.Toxic)
                {
                    case LatencyToxic latency:
                        await Task.Delay(Jittered(latency), clock, cancellationToken);
                        break;
                    case ResetPeerToxic reset:
                        var wait = reset.Timeout - clock.GetElapsedTime(active.AddedAt);
                        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
                        proxy.Log.Debug("Proxy connection {Id}: reset_peer", id);
                        Reset();
                        return;
                    case TimeoutToxic timeout:
                        deliver = false;
                        if (timeout.Timeout > TimeSpan.Zero && _swallowSince.TryAdd(active, clock.GetTimestamp()))
                            _ = CloseAfterAsync(timeout.Timeout, clock);
                        break;
                    case BandwidthToxic bandwidth:
                        await PaceAsync(destination, chunk, bandwidth.BytesPerSecond, clock, cancellationToken);
                        deliver = false;
                        break;
                    case LimitDataToxic limit:
                        var passed = _counted.GetValueOrDefault(active);
                        var allowed = (int)Math.Max(0, Math.Min(chunk.Length, limit.Bytes - passed));
                        _counted[active] = passed + allowed;
                        if (allowed < chunk.Length)
                        {
                            if (allowed > 0) await destination.SendAsync(chunk[..allowed], SocketFlags.None, cancellationToken);
                            proxy.Log.Debug("Proxy connection {Id}: limit_data of {Bytes} bytes reached", id, limit.Bytes);
                            Close();
                            return;
                        }
                        break;
                }
                if (!deliver) break;
            }
            if (deliver) await destination.SendAsync(chunk, SocketFlags.None, cancellationToken);
        }
    }

    private async Task CloseAfterAsync(TimeSpan delay, TimeProvider clock)
    {
        try
        {
            await Task.Delay(delay, clock, _closed.Token);
            proxy.Log.Debug("Proxy connection {Id}: closed by the timeout toxic", id);
            Close();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task PaceAsync(Socket destination, ReadOnlyMemory<byte> chunk, long bytesPerSecond, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Slices of ~10 ms worth of data keep the rate smooth without a timer per byte.
        var slice = (int)Math.Clamp(bytesPerSecond / 100, 1, chunk.Length);
        for (var offset = 0; offset < chunk.Length; offset += slice)
        {
            var part = chunk.Slice(offset, Math.Min(slice, chunk.Length - offset));
            await destination.SendAsync(part, SocketFlags.None, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds((double)part.Length / bytesPerSecond), clock, cancellationToken);
        }
    }

    private static TimeSpan Jittered(LatencyToxic latency)
    {
        if (latency.Jitter <= TimeSpan.Zero) return latency.Latency;
        var offset = (Random.Shared.NextDouble() * 2 - 1) * latency.Jitter.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Max(0, latency.Latency.TotalMilliseconds + offset));
    }
}
