using Pipeline.Resilience.Faults;

namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>What a drill fault acts on: the fault proxy in front of the server, the drill's clock and timeline, and the
/// signal that a query lost its connection (which tells a fault that cuts connections that it has hit one).</summary>
internal sealed class DowntimeFaultContext(FaultProxy proxy, TimeProvider clock, Action<string> note)
{
    private TaskCompletionSource? _connectionLossArmed;

    public FaultProxy Proxy => proxy;

    /// <summary>The drill's clock: every wait of a fault runs on it.</summary>
    public TimeProvider Clock => clock;

    /// <summary>Adds a line to the drill's timeline.</summary>
    public void Note(string text) => note(text);

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, clock, cancellationToken);

    /// <summary>From now on, the next lost connection completes the returned task (until <see cref="DisarmConnectionLoss"/>).</summary>
    public Task ArmConnectionLoss()
    {
        var hit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _connectionLossArmed, hit);
        return hit.Task;
    }

    public void DisarmConnectionLoss() => Volatile.Write(ref _connectionLossArmed, null);

    /// <summary>Called by the drill when a retry reports a lost connection.</summary>
    public void ConnectionLost() => Volatile.Read(ref _connectionLossArmed)?.TrySetResult();
}
