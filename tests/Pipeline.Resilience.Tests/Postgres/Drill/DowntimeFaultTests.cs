using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Resilience.Faults;
using Pipeline.Resilience.Postgres.Drill;
using Serilog.Core;

namespace Pipeline.Resilience.Tests.Postgres.Drill;

/// <summary>The drill's faults one by one, against a fault proxy on loopback and a fake clock (no PostgreSQL needed).</summary>
public sealed class DowntimeFaultTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<string> _notes = [];
    private FaultProxy _proxy = null!;

    public Task InitializeAsync()
    {
        // Nothing connects through it: the faults only switch the proxy's state.
        _proxy = FaultProxy.Start(new FaultProxySettings(new IPEndPoint(IPAddress.Loopback, 9)) { Clock = _clock }, Logger.None);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    private DowntimeFaultContext Context() => new(_proxy, _clock, _notes.Add);

    [Fact]
    public void Each_fault_describes_itself_as_the_drill_log_always_did()
    {
        Assert.Equal("endpoint down for 5 s (new connections refused, open ones closed)", new EndpointDownFault(TimeSpan.FromSeconds(5)).Description);
        Assert.Equal("TCP reset of a query's answer (the server ran it, the client lost the reply)", new ResetPeerFault(TimeSpan.FromSeconds(5)).Description);
        Assert.Equal("latency spike of 800 ms +/- 200 ms per reply for 3 s",
            new LatencySpikeFault(TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3)).Description);
        Assert.Equal("real server restart (pg_ctl stop -m fast, then start)", new ServerRestartFault(_ => Task.CompletedTask).Description);
        Assert.Equal(["down", "reset_peer", "latency", "restart"],
            new IDowntimeFault[] { new EndpointDownFault(default), new ResetPeerFault(default), new LatencySpikeFault(default, default, default), new ServerRestartFault(null) }.Select(f => f.Name));
    }

    [Fact]
    public void A_server_the_drill_does_not_own_is_not_restarted()
    {
        var restart = new ServerRestartFault(null);

        Assert.Equal("real server restart", restart.Description);
        Assert.Equal("external server: the drill does not restart a server it does not own", restart.SkipReason);
    }

    [Fact]
    public async Task Endpoint_down_holds_the_proxy_down_for_the_downtime_then_brings_it_up()
    {
        var injected = new EndpointDownFault(TimeSpan.FromSeconds(5)).InjectAsync(Context(), CancellationToken.None);

        Assert.True(_proxy.IsDown);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(injected.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await injected.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(_proxy.IsDown);
    }

    [Fact]
    public async Task Latency_spike_adds_its_toxic_for_the_duration_only()
    {
        var injected = new LatencySpikeFault(TimeSpan.FromMilliseconds(800), TimeSpan.Zero, TimeSpan.FromSeconds(3)).InjectAsync(Context(), CancellationToken.None);

        Assert.IsType<LatencyToxic>(Assert.Single(_proxy.Toxics));
        _clock.Advance(TimeSpan.FromSeconds(3));
        await injected.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(_proxy.Toxics);
    }

    [Fact]
    public async Task Reset_peer_ends_at_the_first_lost_connection()
    {
        var context = Context();
        var injected = new ResetPeerFault(TimeSpan.FromSeconds(5)).InjectAsync(context, CancellationToken.None);

        Assert.IsType<ResetPeerToxic>(Assert.Single(_proxy.Toxics));
        context.ConnectionLost();
        await injected.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(_proxy.Toxics);
        Assert.Empty(_notes);
    }

    [Fact]
    public async Task Reset_peer_that_cuts_nothing_within_its_window_says_so()
    {
        var injected = new ResetPeerFault(TimeSpan.FromSeconds(5)).InjectAsync(Context(), CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(5));
        await injected.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["reset_peer: no query was cut within 5 s"], _notes);
        Assert.Empty(_proxy.Toxics);
    }
}
