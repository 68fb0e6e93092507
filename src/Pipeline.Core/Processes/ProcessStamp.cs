using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Core.Processes;

/// <summary>
/// A process as it was when it was recorded: its id, its start time and its name. The start time tells a
/// recycled process id apart from the process that was recorded, so a leftover is never confused with a
/// stranger that got the same id later.
/// </summary>
public readonly record struct ProcessStamp(int Id, long StartTime, string Name)
{
    /// <summary>The running process with this id, or null when there is none (or only a zombie).</summary>
    public static ProcessStamp? Of(int id)
    {
        if (OperatingSystem.IsLinux()) return FromProc(id);
        try
        {
            using var process = Process.GetProcessById(id);
            return process.HasExited ? null : new ProcessStamp(id, process.StartTime.ToUniversalTime().Ticks, process.ProcessName);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>True while the recorded process itself (not a later one with its id) runs.</summary>
    public bool IsRunning => Of(Id) is { } now && now.StartTime == StartTime;

    /// <summary>Kills the recorded process and its descendants when it still runs; true when it did.</summary>
    public bool KillTree()
    {
        if (!IsRunning) return false;
        try
        {
            using var process = Process.GetProcessById(Id);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false; // it ended meanwhile, or is not ours to kill
        }
    }

    /// <summary>One line: <c>ID START NAME</c>.</summary>
    public override string ToString() => $"{Id} {StartTime.ToString(CultureInfo.InvariantCulture)} {Name}";

    public static ProcessStamp? Parse(string text)
    {
        var parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) &&
               long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            ? new ProcessStamp(id, start, parts.Length == 3 ? parts[2] : "?")
            : null;
    }

    // /proc/ID/stat: "ID (NAME) STATE ... field 22 = start time in clock ticks since boot"; NAME may hold spaces and parentheses.
    private static ProcessStamp? FromProc(int id)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open) return null;
        var fields = stat[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); a zombie or a dead process has ended.
        if (fields.Length < 20 || fields[0] is "Z" or "X" or "x") return null;
        return long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            ? new ProcessStamp(id, start, stat[(open + 1)..close])
            : null;
    }
}
