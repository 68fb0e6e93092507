using System.Net.Sockets;
using Pipeline.Core.Redaction;

namespace Pipeline.Perf.Load;

/// <summary>Checks that the base URL accepts TCP connections before a run, so a wrong URL fails fast with a clear message instead of 300 failed requests.</summary>
internal static class LoadTargetProbe
{
    /// <param name="isReferenceApi">
    /// The target is the reference API this run started: its failure is no fault of the user's input, so it names no setting.
    /// </param>
    public static async Task EnsureReachableAsync(Uri baseUri, TimeSpan timeout, bool isReferenceApi = false, CancellationToken cancellationToken = default)
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
            throw Unreachable(baseUri, isReferenceApi, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException exception)
        {
            var reason = exception.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused: nothing listens on that port",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"host '{baseUri.Host}' not found",
                _ => exception.Message,
            };
            throw Unreachable(baseUri, isReferenceApi, reason, exception);
        }
    }

    private static LoadTargetUnreachableException Unreachable(Uri baseUri, bool isReferenceApi, string reason, Exception? inner = null)
    {
        var shown = UrlCredentials.Mask(baseUri.GetLeftPart(UriPartial.Authority));
        return isReferenceApi
            ? new($"The reference API started for this run stopped answering at {shown} ({reason}); no request was sent. Check the log for its stderr.", inner)
            : new($"Cannot reach {shown} ({reason}); no request was sent. " +
                  "Start the API under test, or fix the URL; leave it out to run against the built-in reference API.", inner)
                { Input = nameof(P95RunSettings.BaseUrl) };
    }
}
