using System.Net;

namespace Pipeline.Resilience.Faults;

/// <summary>Where the proxy forwards to and where it listens (loopback, a free port unless given).</summary>
internal sealed record FaultProxySettings(EndPoint Upstream)
{
    public const int DefaultBufferSize = 16 * 1024;
    public static readonly TimeSpan DefaultUpstreamConnectTimeout = TimeSpan.FromSeconds(5);

    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);
    public int BufferSize { get; init; } = DefaultBufferSize;
    public TimeSpan UpstreamConnectTimeout { get; init; } = DefaultUpstreamConnectTimeout;
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
