using System.Diagnostics;
using Pipeline.Core.Errors;
using Pipeline.Core.Logging;
using Pipeline.Core.Processes;
using Pipeline.Core.Redaction;
using Pipeline.Core.Tools;
using Pipeline.Targets.Logging;
using Serilog;
using Serilog.Events;
using Spectre.Console;

namespace Pipeline.Targets;

/// <summary>Runs a planned build: console and log, the targets in order with their conditions and failures, the summary.</summary>
internal static class TargetExecutor
{
    public static int Execute(NukeBuild build, ExecutionPlan plan, BuildHostOptions options, LogEventLevel consoleLevel)
    {
        // Colours only on a real terminal: redirected output (CI logs, files, tests) stays plain text.
        var terminal = options.OwnsProcessConsole && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            // Redact before Spectre lays text out: a table may wrap a secret across lines.
            Out = new AnsiConsoleOutput(options.OwnsProcessConsole ? options.Output : new RedactingTextWriter(options.Output, options.Redactor)),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 120;
        if (options.OwnsProcessConsole) AnsiConsole.Console = console;

        var start = options.Clock.GetLocalNow();
        var (logger, logFile) = BuildLog.Create(build.RootDirectory, start, consoleLevel, options.Redactor, options.OwnsProcessConsole ? null : options.Output);
        AmbientLog.Use(logger);
        RunLeftovers.Sweep(build.RootDirectory, logger);
        using var ledger = ProcessLedger.Open(build.RootDirectory);
        build.CancellationToken = options.Cancellation;
        try { build.OnBuildInitialized(); }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The user's input: its message once, exit 2. Anything else: its type on the console, its trace in this log.
            var expected = exception is UserInputException;
            // Debug: the log file keeps it (with the trace), the console gets it once, below.
            logger.Debug(expected ? null : exception, "The build could not start: {Message}", exception.Message);
            logger.Dispose();
            return BuildHost.WriteError(options,
                expected ? exception.Message : BuildHost.UnexpectedLine(exception, build.RootDirectory, logFile),
                expected ? BuildHost.ExitSetupError : BuildHost.ExitFailed);
        }

        // Static conditions are decided before the first target runs, as in NUKE; one that throws fails its target.
        var stop = false;
        var decided = new Dictionary<TargetNode, TargetOutcome>();
        foreach (var node in plan.Order.Where(n => !plan.Skipped.Contains(n)))
        {
            try
            {
                if (node.Definition.StaticConditions.Any(c => !c()))
                    decided[node] = new(node.Name, TargetStatus.Skipped, TimeSpan.Zero, "condition false");
            }
            catch (Exception exception)
            {
                decided[node] = Failed(build, node, exception, TimeSpan.Zero, ref stop, options, logger);
            }
        }
        var outcomes = new List<TargetOutcome>();
        foreach (var node in plan.Order)
            outcomes.Add(decided.TryGetValue(node, out var outcome) ? outcome : RunTarget(build, node, plan, outcomes, ref stop, options, logger));

        var finished = true;
        try { build.OnBuildFinished(); }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The summary is still written; the build fails, and says why.
            logger.Error(exception, "OnBuildFinished failed: {Message}", exception.Message);
            finished = false;
        }
        var aborted = outcomes.Any(o => o.Status == TargetStatus.Aborted);
        var succeeded = finished && outcomes.All(o => o.Status is not (TargetStatus.Failed or TargetStatus.Aborted));
        SummaryWriter.Write(console, outcomes, succeeded, options.Clock.GetLocalNow() - start, logFile, build.RootDirectory);
        if (options.Environment.TryGetValue(StepSummaryWriter.Variable, out var stepSummary) && stepSummary.Length > 0)
            StepSummaryWriter.Append(stepSummary, outcomes, succeeded, options.Clock.GetLocalNow() - start);
        logger.Debug("Build {Result}", succeeded ? "succeeded" : "failed");
        logger.Dispose();
        options.Output.Flush();
        return succeeded ? BuildHost.ExitSucceeded : aborted ? BuildHost.ExitAborted : BuildHost.ExitFailed;
    }

    private static TargetOutcome RunTarget(NukeBuild build, TargetNode node, ExecutionPlan plan, List<TargetOutcome> done,
        ref bool stop, BuildHostOptions options, ILogger logger)
    {
        var definition = node.Definition;
        if (plan.Skipped.Contains(node)) return new(node.Name, TargetStatus.Skipped, TimeSpan.Zero, "--skip");
        var cancelled = options.Cancellation.IsCancellationRequested;
        if ((stop || cancelled) && !definition.IsAssuredAfterFailure)
            return new(node.Name, TargetStatus.NotRun, TimeSpan.Zero, cancelled ? "build aborted" : "an earlier target failed");
        var brokenDependency = node.Dependencies.Select(d => done.FirstOrDefault(o => o.Name == d.Name))
            .FirstOrDefault(o => o is { Status: TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.NotRun });
        if (brokenDependency is not null && !definition.IsAssuredAfterFailure)
            return new(node.Name, TargetStatus.NotRun, TimeSpan.Zero, $"{brokenDependency.Name} did not succeed");

        build.CancellationToken = cancelled ? CancellationToken.None : options.Cancellation;
        var watch = Stopwatch.StartNew();
        logger.Information("── {Target} ──", node.Name);
        try
        {
            if (definition.DynamicConditions.Any(c => !c()))
                return new(node.Name, TargetStatus.Skipped, TimeSpan.Zero, "condition false at run time");
            build.OnTargetRunning(node.Name);
            foreach (var action in definition.Actions) action().GetAwaiter().GetResult();
            build.OnTargetSucceeded(node.Name);
            return new(node.Name, TargetStatus.Succeeded, watch.Elapsed, options.Redactor.Redact(build.TakeSummary()));
        }
        catch (Exception exception) when (exception is OperationCanceledException && options.Cancellation.IsCancellationRequested)
        {
            logger.Warning("{Target} aborted", node.Name);
            build.OnTargetFailed(node.Name);
            build.TakeSummary();
            return new(node.Name, TargetStatus.Aborted, watch.Elapsed, "aborted (Ctrl-C)");
        }
        catch (Exception exception)
        {
            return Failed(build, node, exception, watch.Elapsed, ref stop, options, logger);
        }
    }

    /// <summary>
    /// The user's errors (and tools' failures) are their message alone; anything else is a bug: its type and message
    /// on the console, its stack trace in the log file only.
    /// </summary>
    private static TargetOutcome Failed(NukeBuild build, TargetNode node, Exception exception, TimeSpan elapsed, ref bool stop,
        BuildHostOptions options, ILogger logger)
    {
        // ProceedAfterFailure: the build still fails, but independent targets go on.
        stop |= !node.Definition.IsProceedAfterFailure;
        var expected = exception is TargetFailedException or ToolException or UserInputException;
        var message = expected ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        if (expected) logger.Error("{Target} failed: {Message}", node.Name, message);
        else logger.Error(exception, "{Target} failed: {Message}", node.Name, message);
        build.OnTargetFailed(node.Name);
        build.TakeSummary();
        return new(node.Name, TargetStatus.Failed, elapsed, FirstLine(options.Redactor.Redact(message)));
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 100 ? line[..97] + "..." : line;
    }
}
