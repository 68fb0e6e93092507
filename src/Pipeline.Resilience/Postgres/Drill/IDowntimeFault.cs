namespace Pipeline.Resilience.Postgres.Drill;

/// <summary>
/// One fault of the downtime drill, like a toxic of <see cref="Faults.FaultProxy"/> but with its whole course:
/// <see cref="InjectAsync"/> applies the fault, holds it and clears it, and returns once it is cleared; the drill then
/// measures the recovery from that moment.
/// </summary>
internal interface IDowntimeFault
{
    /// <summary>The fault's name in the timeline, the report and the progress phases (down, reset_peer...).</summary>
    string Name { get; }

    /// <summary>What the fault does, in one line for the timeline and the report.</summary>
    string Description { get; }

    /// <summary>Why the fault cannot run against this server, or null when it can.</summary>
    string? SkipReason { get; }

    Task InjectAsync(DowntimeFaultContext context, CancellationToken cancellationToken);
}
