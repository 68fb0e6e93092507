namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>A real server restart (pg_ctl stop -m fast, then start); skipped when the drill does not own the server
/// (<paramref name="restart"/> is null).</summary>
internal sealed class ServerRestartFault(Func<CancellationToken, Task>? restart) : IDowntimeFault
{
    public string Name => "restart";

    public string Description => restart is null ? "real server restart" : "real server restart (pg_ctl stop -m fast, then start)";

    public string? SkipReason => restart is null ? "external server: the drill does not restart a server it does not own" : null;

    public Task InjectAsync(DowntimeFaultContext context, CancellationToken cancellationToken) =>
        restart is null ? Task.CompletedTask : restart(cancellationToken);
}
