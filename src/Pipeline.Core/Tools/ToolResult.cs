namespace Pipeline.Core.Tools;

/// <summary>What a finished tool run produced.</summary>
public sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    /// <summary>The last lines of stderr, for error messages.</summary>
    public string StandardErrorTail(int lines = 10) =>
        string.Join('\n', StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));
}
