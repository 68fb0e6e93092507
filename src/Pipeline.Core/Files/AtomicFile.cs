using System.Text;

namespace Pipeline.Core.Files;

/// <summary>
/// Writes files so that a reader sees either nothing or the whole file: content goes to a temp file in
/// the same folder, is flushed to disk, then renamed into place.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content, bool overwrite) =>
        Write(path, stream =>
        {
            var bytes = Utf8NoBom.GetBytes(content);
            stream.Write(bytes);
        }, overwrite);

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        var copy = content.ToArray();
        Write(path, stream => stream.Write(copy), overwrite);
    }

    /// <summary>
    /// Writes through <paramref name="writeContent"/>. With <paramref name="overwrite"/> false an existing
    /// file is never replaced: the write fails with <see cref="IOException"/> and the temp file is removed.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent, bool overwrite)
    {
        var temp = PrepareTemp(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static async Task WriteAsync(string path, Func<Stream, Task> writeContent, bool overwrite)
    {
        var temp = PrepareTemp(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await writeContent(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static string PrepareTemp(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
