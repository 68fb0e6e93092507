using System.Net;
using System.Net.Sockets;

namespace Pipeline.LocalBackends.Postgres;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
internal static class LoopbackPort
{
    /// <summary>A port free right now; someone else may take it before it is bound, so callers retry on "could not bind".</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
