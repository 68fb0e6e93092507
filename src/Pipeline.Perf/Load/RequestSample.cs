namespace Pipeline.Perf.Load;

/// <summary>
/// One finished request (or one dropped iteration) as the built-in engine records it: small and unmanaged,
/// so hundreds of thousands fit in pooled blocks without pressure on the GC. Times are in nanoseconds.
/// <see cref="AsGet"/> marks a redirect hop sent as GET (after a 301/302/303 of another method), tagged
/// <c>method=GET</c> as k6 tags it.
/// </summary>
internal readonly record struct RequestSample(
    long EndUnixNanoseconds,
    long DurationNanoseconds,
    long WaitingNanoseconds,
    short Status,
    byte Endpoint,
    byte HttpVersion,
    short Error,
    bool AsGet = false)
{
    /// <summary>Status of a sample that is a dropped iteration (open model), not a request.</summary>
    public const short DroppedStatus = -1;

    /// <summary>No error: the request got a response below 400.</summary>
    public const short NoError = -1;

    public bool IsDropped => Status == DroppedStatus;

    /// <summary>k6's default <c>expected_response</c>: a status from 200 to 399.</summary>
    public bool IsExpected => Status is >= 200 and < 400;

    public double DurationMilliseconds => DurationNanoseconds / 1e6;

    public double WaitingMilliseconds => WaitingNanoseconds / 1e6;
}
