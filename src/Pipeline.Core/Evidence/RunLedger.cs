using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Core.Errors;

namespace Pipeline.Core.Evidence;

/// <summary>
/// <c>reports/runs/&lt;run-id&gt;.jsonl</c>: an append-only record of one run, one JSON line per target start,
/// file written and target end. Several build invocations given the same run id append to the same ledger,
/// so targets run separately can still be archived as one run.
/// </summary>
public static partial class RunLedger
{
    public const string Folder = "reports/runs";

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string PathFor(string root, string runId) => Path.Combine(root, Folder, runId + ".jsonl");

    /// <summary>A run id names a file: letters, digits, dot, underscore and dash, at most 64.</summary>
    public static string ValidateRunId(string runId) =>
        RunIdShape().IsMatch(runId) ? runId
            : throw new UserInputException($"--run-id '{runId}' is not a valid run id: use 1 to 64 letters, digits, '.', '_' or '-' (e.g. release-2025-10-14).");

    public static void Append(string root, RunLedgerEntry entry)
    {
        var path = PathFor(root, entry.RunId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        // Another invocation of the same run may be appending. O_APPEND writes from separate handles are not
        // atomic and FileShare.Read excludes nobody on Linux, so lines got lost; FileShare.None is a lock .NET
        // enforces on every platform (a second opener is refused with an IOException): hold it briefly, retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
                stream.Write(line);
                stream.Flush(flushToDisk: true);
                return;
            }
            catch (IOException) when (attempt < 250 && File.Exists(path))
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>The ledger's lines; a writer holds the file exclusively for a moment, so a refused open is retried.</summary>
    private static string[] ReadLines(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return reader.ReadToEnd().Split('\n');
            }
            catch (IOException) when (attempt < 250 && File.Exists(path))
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Reads a ledger; a line that is not a ledger entry is the user's to fix (the file was edited).</summary>
    public static IReadOnlyList<RunLedgerEntry> Read(string path)
    {
        var entries = new List<RunLedgerEntry>();
        var number = 0;
        foreach (var raw in ReadLines(path))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            RunLedgerEntry? entry;
            try { entry = JsonSerializer.Deserialize<RunLedgerEntry>(line, Json); }
            catch (JsonException exception)
            {
                throw new UserInputException($"{path}:{number} is not a run ledger line ({exception.Message}); the ledger was edited. Rerun the chain: ./build.sh ArchiveEvidence", exception);
            }
            if (entry is null || string.IsNullOrEmpty(entry.Kind) || string.IsNullOrEmpty(entry.Target))
                throw new UserInputException($"{path}:{number} is not a run ledger line (no kind or target); the ledger was edited. Rerun the chain: ./build.sh ArchiveEvidence");
            entries.Add(entry);
        }
        return entries;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex RunIdShape();
}
