namespace Pipeline.Core.Tools;

/// <summary>Finds executables the way a shell does: an explicit path first, else the PATH folders.</summary>
public static class ToolLocator
{
    /// <summary>The full path of <paramref name="name"/>, or null when it is not there.</summary>
    public static string? Find(string name, string? explicitPath = null, string? pathVariable = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return IsExecutable(explicitPath) ? Path.GetFullPath(explicitPath) : null;

        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : new[] { "" };
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        foreach (var extension in extensions)
        {
            var candidate = Path.Combine(folder, name + extension);
            if (IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Like <see cref="Find"/>, but a missing tool is an error that says how to install it.</summary>
    public static string Require(string name, string installHint, string? explicitPath = null) =>
        Find(name, explicitPath) ?? throw (explicitPath is null
            ? new ToolNotFoundException(name, installHint)
            : new ToolException($"'{explicitPath}' (given for {name}) does not exist or is not executable. {installHint}"));

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsWindows()) return true;
        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
