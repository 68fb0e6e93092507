namespace Pipeline.Resilience.Faults;

/// <summary>
/// Resets the connection (TCP RST: "connection reset by peer") when data next flows in the toxic's direction,
/// no earlier than <see cref="Timeout"/> after the toxic was added. Downstream (the default) cuts a query
/// after the server has run it but before the client has the answer: the hardest case for a retry.
/// </summary>
internal sealed record ResetPeerToxic(TimeSpan Timeout = default) : Toxic
{
    public override string Type => "reset_peer";
}
