namespace Pipeline.Perf.Scenario;

/// <summary>How requests are started, in k6's terms.</summary>
public enum LoadModel
{
    /// <summary>k6 <c>shared-iterations</c>: <c>concurrency</c> workers share the request count; each starts its next request when the previous one ends.</summary>
    Closed,

    /// <summary>k6 <c>constant-arrival-rate</c>: requests start on a fixed schedule whatever the server does; late ones are dropped when no worker is free.</summary>
    Open,
}
