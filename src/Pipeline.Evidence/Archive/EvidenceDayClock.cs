namespace Pipeline.Evidence.Archive;

/// <summary>
/// A clock that reads the real time of day on another date, so an <c>EvidenceStore</c> names files after the
/// evidence date (<c>--evidence-date</c>) while its <c>-HHMMSS</c> collision suffix still comes from now.
/// </summary>
internal sealed class EvidenceDayClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly TimeSpan _shift;

    public EvidenceDayClock(DateOnly day, TimeProvider inner)
    {
        _inner = inner;
        var today = DateOnly.FromDateTime(inner.GetLocalNow().DateTime);
        _shift = TimeSpan.FromDays(day.DayNumber - today.DayNumber);
    }

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + _shift;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;
}
