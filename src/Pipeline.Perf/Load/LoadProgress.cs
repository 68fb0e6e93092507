namespace Pipeline.Perf.Load;

/// <summary>A live snapshot of a run, for progress displays.</summary>
internal readonly record struct LoadProgress(long Completed, long Failed, long Dropped, long Planned, TimeSpan Elapsed, TimeSpan? PlannedDuration)
{
    public double RequestsPerSecond => Elapsed.TotalSeconds > 0 ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>Done fraction from 0 to 1, by request count or by time for timed runs.</summary>
    public double Fraction => PlannedDuration is { } d
        ? Math.Min(1, Elapsed / d)
        : Planned == 0 ? 1 : Math.Min(1, (double)(Completed + Dropped) / Planned);
}
