namespace Pipeline.Core.Processes;

/// <summary>What a clean-up of an interrupted run removed: processes it killed, folders and temp files it deleted.</summary>
public sealed record RemovedLeftovers(IReadOnlyList<ProcessStamp> Processes, int Folders, int TempFiles)
{
    public bool IsEmpty => Processes.Count == 0 && Folders == 0 && TempFiles == 0;

    /// <summary>"2 processes (dotnet 1234, postgres 1250), 1 folder, 3 temp files in reports/".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Processes.Count > 0)
            parts.Add($"{Count(Processes.Count, "process", "processes")} ({string.Join(", ", Processes.Select(p => $"{p.Name} {p.Id}"))})");
        if (Folders > 0) parts.Add(Count(Folders, "folder", "folders"));
        if (TempFiles > 0) parts.Add(Count(TempFiles, "temp file", "temp files") + " in reports/");
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
