using Pipeline.Resilience.Faults;

namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>
/// A TCP reset of a query's answer: the server ran the query, the client lost the reply. Armed until it has cut one
/// query or <paramref name="window"/> has passed.
/// </summary>
internal sealed class ResetPeerFault(TimeSpan window) : IDowntimeFault
{
    public string Name => "reset_peer";

    public string Description => "TCP reset of a query's answer (the server ran it, the client lost the reply)";

    public string? SkipReason => null;

    public async Task InjectAsync(DowntimeFaultContext context, CancellationToken cancellationToken)
    {
        var hit = context.ArmConnectionLoss();
        using (context.Proxy.With(new ResetPeerToxic()))
        {
            try
            {
                await hit.WaitAsync(window, context.Clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                context.Note($"reset_peer: no query was cut within {DowntimeDrill.Seconds(window)}");
            }
        }
        context.DisarmConnectionLoss();
    }
}
