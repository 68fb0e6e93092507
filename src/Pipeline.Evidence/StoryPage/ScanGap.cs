using System.Globalization;

namespace Pipeline.Evidence.StoryPage;

/// <summary>
/// Files the secrets scan could not read: how many, their bytes, and how many of them the user did not accept
/// with <c>--allow-unscanned</c> (those leave "no secret in clear" unproven).
/// </summary>
internal sealed record ScanGap(long Files, long Bytes, long Unaccepted)
{
    public long Accepted => Files - Unaccepted;

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        return $"{Files.ToString("N0", inv)} file(s), {Bytes.ToString("N0", inv)} bytes unread" +
               (Files == 0 ? "" : Unaccepted == 0 ? ", all accepted with --allow-unscanned" : $", {Unaccepted.ToString("N0", inv)} not accepted");
    }
}
