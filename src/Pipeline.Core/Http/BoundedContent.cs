using System.Text;

namespace Pipeline.Core.Http;

/// <summary>
/// Reads an HTTP body in pieces up to a cap, so a huge or endless answer (a wrong URL, a hostile or broken server)
/// costs at most the cap in memory instead of ending in an <see cref="OutOfMemoryException"/>.
/// The response must be sent with <see cref="HttpCompletionOption.ResponseHeadersRead"/>, or the client buffers it whole first.
/// </summary>
public static class BoundedContent
{
    private const int ChunkBytes = 81920;

    /// <summary>The whole body, or <see cref="ContentTooLargeException"/> as soon as it is known to exceed <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        using var body = await ReadWholeAsync(content, maxBytes, cancellationToken);
        return body.ToArray();
    }

    /// <summary>The whole body as text (UTF-8 unless the content says otherwise), or <see cref="ContentTooLargeException"/>.</summary>
    public static async Task<string> ReadStringAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        using var body = await ReadWholeAsync(content, maxBytes, cancellationToken);
        return EncodingOf(content).GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    /// <summary>
    /// The first <paramref name="maxBytes"/> of the body as text; the rest is not read (disposing the response drops it).
    /// For bodies shown to people (error messages), where a beginning is as good as the whole.
    /// </summary>
    public static async Task<string> ReadBeginningAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, _) = await ReadUpToAsync(content, maxBytes, cancellationToken);
        using (body) return EncodingOf(content).GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    private static async Task<MemoryStream> ReadWholeAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes) throw new ContentTooLargeException(maxBytes);
        var (body, complete) = await ReadUpToAsync(content, maxBytes, cancellationToken);
        if (complete) return body;
        await body.DisposeAsync();
        throw new ContentTooLargeException(maxBytes);
    }

    // Reads at most maxBytes; complete is false when the body had more.
    private static async Task<(MemoryStream Body, bool Complete)> ReadUpToAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var body = new MemoryStream();
        var buffer = new byte[ChunkBytes];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var room = maxBytes - body.Length;
            if (read > room)
            {
                body.Write(buffer, 0, (int)room);
                return (body, false);
            }
            body.Write(buffer, 0, read);
        }
        return (body, true);
    }

    private static Encoding EncodingOf(HttpContent content)
    {
        try
        {
            return content.Headers.ContentType?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8; // an unknown charset name from the server: read it as UTF-8 like ReadAsStringAsync falls back to
        }
    }
}
