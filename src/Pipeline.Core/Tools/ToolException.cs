namespace Pipeline.Core.Tools;

/// <summary>An external tool could not be run or did not finish normally. The message says what to do.</summary>
public class ToolException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The tool is not on PATH nor at the given path.</summary>
public sealed class ToolNotFoundException(string tool, string installHint)
    : ToolException($"'{tool}' was not found on PATH. {installHint}")
{
    public string Tool { get; } = tool;
}

/// <summary>The tool ran past its timeout and was killed.</summary>
public sealed class ToolTimeoutException(string command, TimeSpan timeout, string stderrTail)
    : ToolException($"'{command}' did not finish within {timeout.TotalSeconds:0.#} s and was stopped." +
                    (stderrTail.Length > 0 ? $" Last stderr lines:\n{stderrTail}" : string.Empty) +
                    " Raise the timeout or check the tool's input.");

/// <summary>The tool exited with a code that is not a normal outcome.</summary>
public sealed class ToolFailedException(ToolResult result)
    : ToolException($"'{result.Command}' failed with exit code {result.ExitCode}." +
                    (result.StandardErrorTail().Length > 0 ? $" Last stderr lines:\n{result.StandardErrorTail()}" : " It wrote nothing to stderr."))
{
    public ToolResult Result { get; } = result;
}
