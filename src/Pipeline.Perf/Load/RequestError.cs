using System.Net.Sockets;

namespace Pipeline.Perf.Load;

/// <summary>
/// A failed request in k6's vocabulary: its <c>error_code</c> tag (k6 lib/netext/httpext/error_codes.go)
/// and, for network errors, its <c>error</c> message. HTTP 4xx/5xx carry only the code (1000 + status),
/// exactly as k6 tags them.
/// </summary>
internal sealed record RequestError(int Code, string? Message)
{
    public const int Generic = 1000;
    public const int RequestTimeout = 1050;
    public const int NoSuchHost = 1101;
    public const int Tcp = 1200;
    public const int BrokenPipe = 1201;
    public const int DialRefused = 1212;
    public const int ResetByPeer = 1220;

    public static RequestError ForStatus(int status) => new(1000 + status, null);

    /// <summary>Still redirected after the scenario's <c>maxRedirects</c> hops (a loop, usually): Go's client's own wording.</summary>
    public static RequestError TooManyRedirects(int maxRedirects) => new(Generic, $"stopped after {maxRedirects} redirects");

    public static RequestError UnsupportedRedirect(string scheme) => new(Generic, $"unsupported protocol scheme \"{scheme}\" in redirect");

    /// <summary>Classifies a transport failure; <paramref name="timedOut"/> is true when the request's own timeout fired.</summary>
    public static RequestError ForException(Exception exception, bool timedOut)
    {
        if (timedOut) return new(RequestTimeout, "request timeout");
        var socket = Find<SocketException>(exception);
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => new(DialRefused, "dial: connection refused"),
            SocketError.HostNotFound or SocketError.NoData => new(NoSuchHost, "lookup: no such host"),
            SocketError.ConnectionReset => new(ResetByPeer, "read: connection reset by peer"),
            SocketError.Shutdown => new(BrokenPipe, "write: broken pipe"),
            SocketError.TimedOut => new(1211, "dial: i/o timeout"),
            not null => new(Tcp, $"tcp: {socket.Message}"),
            null when Find<HttpIOException>(exception) is { HttpRequestError: HttpRequestError.ResponseEnded } => new(Generic, "EOF"),
            null when Find<HttpRequestException>(exception) is { HttpRequestError: HttpRequestError.ResponseEnded } => new(Generic, "EOF"),
            null when Find<IOException>(exception) is { } io => new(Generic, io.Message),
            _ => new(Generic, exception.GetBaseException().Message),
        };
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is T match) return match;
        return null;
    }
}
