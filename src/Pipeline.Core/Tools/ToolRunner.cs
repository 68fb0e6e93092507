using System.Diagnostics;
using System.Text;
using CliWrap;
using Pipeline.Core.Processes;
using Pipeline.Core.Redaction;
using Serilog;

namespace Pipeline.Core.Tools;

/// <summary>
/// Runs external tools through CliWrap: timeout and cancellation (the process tree is killed), stdout and
/// stderr streamed line by line into the log (redacted), the exit code checked against the command's
/// normal outcomes.
/// </summary>
public sealed class ToolRunner(ILogger logger, SecretRedactor? redactor = null)
{
    private readonly SecretRedactor _redactor = redactor ?? SecretRedactor.Global;

    public async Task<ToolResult> RunAsync(ToolCommand command, CancellationToken cancellationToken = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var display = _redactor.Redact(command.Display);
        var log = logger.ForContext("Tool", Path.GetFileName(command.Executable));

        using var timeout = new CancellationTokenSource(command.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

        var cli = Cli.Wrap(command.Executable)
            .WithArguments(command.Arguments)
            .WithWorkingDirectory(command.WorkingDirectory ?? Directory.GetCurrentDirectory())
            .WithEnvironmentVariables(command.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(command.StandardInputFile is { } input ? PipeSource.FromFile(input) : PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                if (command.BufferStandardOutput) lock (stdout) stdout.Append(line).Append('\n');
                if (command.LogStandardOutput) log.Debug("{Tool} stdout: {Line}", Path.GetFileName(command.Executable), _redactor.Redact(line));
                command.OnStandardOutputLine?.Invoke(line);
            }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stderr) stderr.Append(line).Append('\n');
                log.Debug("{Tool} stderr: {Line}", Path.GetFileName(command.Executable), _redactor.Redact(line));
            }));

        log.Debug("Running {Command}", display);
        var watch = Stopwatch.StartNew();
        try
        {
            var running = cli.ExecuteAsync(linked.Token);
            // Written down so that an interrupted run can still stop it (a second Ctrl-C, or the next run).
            using var tracked = ProcessLedger.Current?.TrackProcess(running.ProcessId);
            var result = await running;
            var toolResult = new ToolResult(display, result.ExitCode, stdout.ToString(), _redactor.Redact(stderr.ToString()), watch.Elapsed);
            log.Debug("{Command} exited with {ExitCode} after {Seconds:0.00} s", display, result.ExitCode, watch.Elapsed.TotalSeconds);
            if (!command.SuccessExitCodes.Contains(result.ExitCode)) throw new ToolFailedException(toolResult);
            return toolResult;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ToolTimeoutException(display, command.Timeout, _redactor.Redact(TailOf(stderr)));
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new ToolException($"'{display}' could not be started: {exception.Message}. Check that the file is an executable for this machine.", exception);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is System.ComponentModel.Win32Exception)
        {
            throw new ToolException($"'{display}' could not be started: {exception.InnerException.Message}. Check that the file is an executable for this machine.", exception);
        }
    }

    /// <summary>
    /// The tool's version as it reports it (the first non-empty line of stdout or stderr), or null when the
    /// tool cannot say within the timeout.
    /// </summary>
    public async Task<string?> GetVersionAsync(string executable, string versionArgument = "--version",
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await RunAsync(new ToolCommand(executable, [versionArgument])
            {
                Timeout = timeout ?? TimeSpan.FromSeconds(15),
                SuccessExitCodes = new HashSet<int>(Enumerable.Range(0, 256)),
            }, cancellationToken);
            return (result.StandardOutput + "\n" + result.StandardError)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault();
        }
        catch (ToolException)
        {
            return null;
        }
    }

    private static string TailOf(StringBuilder builder)
    {
        lock (builder) return string.Join('\n', builder.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(10));
    }
}
