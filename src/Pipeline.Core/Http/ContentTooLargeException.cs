namespace Pipeline.Core.Http;

/// <summary>An HTTP body exceeded the cap its reader set; the caller names the URL and says what to do.</summary>
public sealed class ContentTooLargeException(long maxBytes)
    : Exception($"The answer is larger than {Describe(maxBytes)}.")
{
    public long MaxBytes { get; } = maxBytes;

    /// <summary>A cap as people read it: "64 MiB", "512 KiB".</summary>
    public static string Describe(long bytes) =>
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes} bytes";
}
