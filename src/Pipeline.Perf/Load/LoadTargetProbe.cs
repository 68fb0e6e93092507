using System.Net.Sockets;
using Pipeline.Core.Redaction;

namespace Pipeline.Perf.Load;

/// <summary>Checks that the base URL accepts TCP connections before a run, so a wrong URL fails fast with a clear message instead of 300 failed requests.</summary>
internal static class LoadTargetProbe
{
    public static async Task EnsureReachableAsync(Uri baseUri, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (baseUri.Scheme is not ("http" or "https"))
            throw new LoadTargetUnreachableException($"'{UrlCredentials.Mask(baseUri.ToString())}' is not an http(s) URL; give one like http://127.0.0.1:8080.")
                { Input = nameof(P95RunSettings.BaseUrl) };

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(baseUri.Host, baseUri.Port, timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(baseUri, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException exception)
        {
            var reason = exception.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused: nothing listens on that port",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"host '{baseUri.Host}' not found",
                _ => exception.Message,
            };
            throw Unreachable(baseUri, reason, exception);
        }
    }

    private static LoadTargetUnreachableException Unreachable(Uri baseUri, string reason, Exception? inner = null) =>
        new($"Cannot reach {baseUri.GetLeftPart(UriPartial.Authority)} ({reason}); no request was sent. " +
            "Start the API under test, or fix the URL; leave it out to run against the built-in reference API.", inner)
        { Input = nameof(P95RunSettings.BaseUrl) };
}
