using System.Security.Cryptography;
using Pipeline.Core.Errors;
using Pipeline.Perf.Reporting;

namespace Pipeline.Perf.K6Results;

/// <summary>
/// The results files of one summary, each counted once: the same file given twice (by path, or a copy with the
/// same bytes) would count its requests twice, so a 150-request run would pass for 300.
/// </summary>
internal static class ResultFiles
{
    /// <summary>Refuses a file named twice (the same full path, however it is spelt).</summary>
    public static void RefuseRepeatedPaths(IReadOnlyList<string> files)
    {
        var seen = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var file in files)
            if (!seen.TryAdd(Path.GetFullPath(file), file))
                throw new UserInputException($"{file} is given twice, so its requests would be counted twice; give each file once.")
                    { Input = nameof(SummarizeSettings.Results) };
    }

    /// <summary>
    /// The SHA-256 (lowercase hex) of each file's bytes as stored; refuses two files with the same bytes.
    /// </summary>
    public static async Task<string[]> HashAsync(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        var hashes = new string[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            await using var stream = new FileStream(files[i], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            hashes[i] = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            var twin = Array.IndexOf(hashes, hashes[i], 0, i);
            if (twin >= 0)
                throw new UserInputException(
                    $"{files[twin]} and {files[i]} have the same content (sha256 {hashes[i][..12]}…), so the same requests would be counted twice; give each file once.")
                    { Input = nameof(SummarizeSettings.Results) };
        }
        return hashes;
    }
}
