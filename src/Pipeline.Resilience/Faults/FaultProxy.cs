using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Serilog;

namespace Pipeline.Resilience.Faults;

/// <summary>
/// An in-process TCP proxy that injects network faults between a client and a server, switchable while
/// connections are open (modelled on Toxiproxy). <see cref="Down"/> refuses new connections and closes
/// the open ones, <see cref="Up"/> listens again on the same port; toxics (latency, reset_peer, timeout,
/// bandwidth, limit_data) act on the data in one direction.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly FaultProxySettings _settings;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<long, ProxiedConnection> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private ImmutableList<ActiveToxic> _toxics = ImmutableList<ActiveToxic>.Empty;
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;
    private long _accepted;

    private FaultProxy(FaultProxySettings settings, ILogger log)
    {
        _settings = settings;
        _log = log.ForContext<FaultProxy>();
    }

    public IPEndPoint ListenEndPoint { get; private set; } = new(IPAddress.Loopback, 0);
    public int Port => ListenEndPoint.Port;
    public EndPoint Upstream => _settings.Upstream;
    public bool IsDown { get; private set; }

    /// <summary>Connections accepted since the start (while up).</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    public int OpenConnections => _connections.Count;

    public IReadOnlyList<Toxic> Toxics => _toxics.Select(t => t.Toxic).ToArray();

    /// <summary>Starts listening; the proxy forwards each accepted connection to <see cref="FaultProxySettings.Upstream"/>.</summary>
    public static FaultProxy Start(FaultProxySettings settings, ILogger log)
    {
        var proxy = new FaultProxy(settings, log);
        proxy.Listen(settings.Listen);
        proxy._log.Information("Fault proxy {Listen} -> {Upstream} started", proxy.ListenEndPoint, settings.Upstream);
        return proxy;
    }

    /// <summary>Takes the endpoint down: new connections are refused and open ones are closed.</summary>
    public void Down()
    {
        lock (_gate)
        {
            if (IsDown) return;
            IsDown = true;
            _listener?.Stop();
            _listener = null;
        }
        var open = _connections.Values.ToArray();
        foreach (var connection in open) connection.Close();
        _log.Information("Fault proxy {Listen}: down (refusing connections, {Count} closed)", ListenEndPoint, open.Length);
    }

    /// <summary>Brings the endpoint back on the same port.</summary>
    public void Up()
    {
        lock (_gate)
        {
            if (!IsDown) return;
            Listen(ListenEndPoint);
            IsDown = false;
        }
        _log.Information("Fault proxy {Listen}: up", ListenEndPoint);
    }

    public void AddToxic(Toxic toxic)
    {
        lock (_gate)
        {
            if (_toxics.Any(t => t.Toxic.Name == toxic.Name))
                throw new InvalidOperationException($"A toxic named '{toxic.Name}' is already active; remove it first or give the new one another name.");
            _toxics = _toxics.Add(new ActiveToxic(toxic, _settings.Clock.GetTimestamp()));
        }
        _log.Information("Fault proxy {Listen}: toxic {Toxic} added", ListenEndPoint, toxic);
    }

    public bool RemoveToxic(string name)
    {
        bool removed;
        lock (_gate)
        {
            var before = _toxics;
            _toxics = _toxics.RemoveAll(t => t.Toxic.Name == name);
            removed = _toxics.Count != before.Count;
        }
        if (removed) _log.Information("Fault proxy {Listen}: toxic {Name} removed", ListenEndPoint, name);
        return removed;
    }

    public void ClearToxics()
    {
        lock (_gate) _toxics = ImmutableList<ActiveToxic>.Empty;
        _log.Information("Fault proxy {Listen}: all toxics removed", ListenEndPoint);
    }

    /// <summary>Adds a toxic and removes it when the returned handle is disposed.</summary>
    public IDisposable With(Toxic toxic)
    {
        AddToxic(toxic);
        return new Removal(this, toxic.Name);
    }

    internal ImmutableList<ActiveToxic> ActiveToxics => _toxics;
    internal FaultProxySettings Settings => _settings;
    internal ILogger Log => _log;

    internal void Forget(long id) => _connections.TryRemove(id, out _);

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
        foreach (var connection in _connections.Values) connection.Close();
        try
        {
            await _acceptLoop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
        _stopping.Dispose();
    }

    private void Listen(IPEndPoint endpoint)
    {
        var listener = new TcpListener(endpoint);
        // Up() must get the same port back at once, even with connections of the last run in TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        ListenEndPoint = (IPEndPoint)listener.LocalEndpoint;
        _acceptLoop = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return; // stopped by Down() or DisposeAsync()
            }
            var id = Interlocked.Increment(ref _nextConnectionId);
            Interlocked.Increment(ref _accepted);
            var connection = new ProxiedConnection(id, client, this);
            _connections[id] = connection;
            _ = connection.RunAsync(_stopping.Token);
        }
    }

    private sealed class Removal(FaultProxy proxy, string name) : IDisposable
    {
        public void Dispose() => proxy.RemoveToxic(name);
    }
}

/// <summary>A toxic with the moment it was added (the reference point of its timeouts and data limits).</summary>
internal sealed record ActiveToxic(Toxic Toxic, long AddedAt);
