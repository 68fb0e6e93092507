namespace Pipeline.Core.Tools;

/// <summary>
/// One invocation of an external tool, immutable: build variants with <c>with</c>.
/// <see cref="SuccessExitCodes"/> lists the codes that are a normal outcome (trufflehog's 183 "found",
/// k6's 99 "thresholds crossed"); any other code is a failure.
/// </summary>
public sealed record ToolCommand(string Executable, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public IReadOnlySet<int> SuccessExitCodes { get; init; } = new HashSet<int> { 0 };

    /// <summary>A file fed to the tool's stdin (ssh-keygen -Y verify reads the signed message there); null: no input.</summary>
    public string? StandardInputFile { get; init; }

    /// <summary>Called for each stdout line as it arrives (e.g. to parse JSON lines while the tool runs).</summary>
    public Action<string>? OnStandardOutputLine { get; init; }

    /// <summary>Keep stdout in <see cref="ToolResult.StandardOutput"/>; turn off for very large outputs.</summary>
    public bool BufferStandardOutput { get; init; } = true;

    /// <summary>Log stdout lines at Debug level (stderr is always logged).</summary>
    public bool LogStandardOutput { get; init; }

    public string Display => string.Join(' ', new[] { Path.GetFileName(Executable) }.Concat(Arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(char.IsWhiteSpace) ? $"\"{argument}\"" : argument;
}
