namespace Pipeline.Resilience.Faults;

/// <summary>Which direction a toxic acts on, as in Toxiproxy: upstream is client to server, downstream server to client.</summary>
internal enum ToxicStream
{
    Upstream,
    Downstream,
}
