using System.Diagnostics;
using Pipeline.Core.Errors;
using Pipeline.Core.Evidence;
using Pipeline.Core.Logging;
using Pipeline.Core.Processes;
using Pipeline.Core.Redaction;
using Pipeline.Core.Time;
using Pipeline.Core.Tools;
using Serilog;
using Serilog.Events;
using Spectre.Console;

namespace Pipeline.Targets;

/// <summary>Runs a build: command line, parameters, plan, execution, summary, exit code.</summary>
public static class BuildHost
{
    public const int ExitSucceeded = 0, ExitFailed = 1, ExitSetupError = 2, ExitAborted = 130;

    public static int Run(NukeBuild build, string defaultTarget, BuildHostOptions options)
    {
        var output = options.Output;
        var commandLine = new CommandLine(options.Arguments);
        try
        {
            build.RootDirectory = FindRoot(commandLine.Single("root"), options.WorkingDirectory);
            var parameters = BuildParameter.Discover(build.GetType());
            var graph = TargetGraph.Create(build);
            if (commandLine.Has("help"))
            {
                HelpWriter.Write(output, build, graph, parameters, defaultTarget);
                return ExitSucceeded;
            }
            if (commandLine.Has("generate-configuration"))
            {
                CI.GitHubActions.GitHubActionsGenerator.Write(build, graph, parameters, output, dryRun: commandLine.Has("plan"));
                return ExitSucceeded;
            }

            var resolver = new ParameterResolver(parameters, commandLine, options.Environment, build.RootDirectory, options.WorkingDirectory, options.Redactor);
            resolver.Apply(build);
            foreach (var secret in parameters.Where(p => p.IsSecret)) options.Redactor.Register(ToText(secret.GetValue(build)));
            // Initializers and environment alike: a URL's credential is masked wherever the URL is printed.
            foreach (var parameter in parameters) UrlCredentials.Register(options.Redactor, ToText(parameter.GetValue(build)));
            foreach (var warning in resolver.Warnings) WriteError(options, warning, prefix: "warning");
            // The schema changes only with the build itself: regenerated when the build is newer than the file.
            var schema = Path.Combine(build.RootDirectory, ".nuke", "build.schema.json");
            var built = new[] { build.GetType().Assembly.Location, typeof(SchemaWriter).Assembly.Location }.Max(File.GetLastWriteTimeUtc);
            if (!File.Exists(schema) || File.GetLastWriteTimeUtc(schema) < built)
                SchemaWriter.Update(schema, parameters, graph);

            var invoked = commandLine.Targets.Count > 0 ? commandLine.Targets : [defaultTarget];
            IReadOnlyList<string>? skip = commandLine.TryGet("skip", out var skipped) ? skipped : null;
            var plan = ExecutionPlan.Create(graph, invoked, skip);
            if (WorkspaceFolders.FirstUnwritable(build.RootDirectory, commandLine.Has("plan") ? [build.TemporaryDirectory]
                    : [build.ReportsDirectory, build.ReportsDirectory / "logs", build.TemporaryDirectory]) is { } unwritable)
                return WriteError(options, unwritable, ExitFailed);
            if (commandLine.Has("plan"))
            {
                PlanWriter.Write(output, plan, graph, Path.Combine(build.TemporaryDirectory, "plan.md"));
                return ExitSucceeded;
            }

            var missing = parameters.Where(p => p.IsRequired && IsMissing(p.GetValue(build))).Select(p => p.CommandLineName)
                .Concat(plan.Order.Where(n => !plan.Skipped.Contains(n))
                    .SelectMany(n => n.Definition.Requirements.Where(r => IsMissing(r.Value())).Select(r => $"--{BuildName.ToKebabCase(r.Name)} (for {n.Name})")))
                .ToList();
            if (missing.Count > 0) throw new BuildSetupException($"Missing required parameters: {string.Join(", ", missing)}.");

            build.SecretParameterNames = parameters.Where(p => p.IsSecret).Select(p => p.Name).ToArray();
            build.NonSecretParameters = parameters.Where(p => !p.IsSecret)
                .ToDictionary(p => p.Name, p => UrlCredentials.Mask(ToText(p.GetValue(build)) ?? string.Empty));
            build.InvokedTargets = invoked.ToArray();
            var verbosity = ParseVerbosity(commandLine.Single("verbosity"));
            return Execute(build, plan, options, verbosity);
        }
        catch (Exception exception) when (exception is BuildSetupException or UserInputException)
        {
            return WriteError(options, exception.Message, ExitSetupError);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return WriteUnexpected(build, options, exception);
        }
    }

    private static int WriteError(BuildHostOptions options, string message, int exitCode = ExitFailed, string prefix = "error")
    {
        var error = options.ErrorOutput ?? options.Output;
        error.WriteLine($"{prefix}: {options.Redactor.Redact(message)}");
        error.Flush();
        return exitCode;
    }

    /// <summary>A bug, not the user's input: one line on the console, the stack trace in the log file.</summary>
    private static int WriteUnexpected(NukeBuild build, BuildHostOptions options, Exception exception)
    {
        var message = $"{exception.GetType().Name}: {exception.Message}";
        try
        {
            var (logger, logFile) = BuildLog.Create(build.RootDirectory, options.Clock.GetLocalNow(), LogEventLevel.Fatal, options.Redactor, TextWriter.Null);
            logger.Fatal(exception, "The build could not start: {Message}", message);
            logger.Dispose();
            return WriteError(options, $"{message} (stack trace in {Path.GetRelativePath(build.RootDirectory, logFile)})", ExitFailed);
        }
        catch (Exception logFailure) when (logFailure is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // No log file to keep the trace in: the console is the only place left.
            return WriteError(options, exception.ToString(), ExitFailed);
        }
    }

    private static int Execute(NukeBuild build, ExecutionPlan plan, BuildHostOptions options, LogEventLevel consoleLevel)
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
        Serilog.Log.Logger = logger;
        build.Log = logger;
        RunLeftovers.Sweep(build.RootDirectory, logger);
        using var ledger = ProcessLedger.Open(build.RootDirectory);
        build.LogFile = logFile;
        build.Clock = options.Clock;
        build.Redactor = options.Redactor;
        build.Evidence = new EvidenceStore(build.RootDirectory, options.Clock, options.Redactor);
        ledger.OnAbandon(build.Evidence.ReleaseUnwritten);   // a second Ctrl-C or SIGTERM leaves no empty placeholder behind
        build.Tools = new ToolRunner(logger, options.Redactor);
        build.CancellationToken = options.Cancellation;

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

        var aborted = outcomes.Any(o => o.Status == TargetStatus.Aborted);
        var succeeded = outcomes.All(o => o.Status is not (TargetStatus.Failed or TargetStatus.Aborted));
        SummaryWriter.Write(console, outcomes, succeeded, options.Clock.GetLocalNow() - start, logFile, build.RootDirectory);
        if (options.Environment.TryGetValue(StepSummaryWriter.Variable, out var stepSummary) && stepSummary.Length > 0)
            StepSummaryWriter.Append(stepSummary, outcomes, succeeded, options.Clock.GetLocalNow() - start);
        logger.Debug("Build {Result}", succeeded ? "succeeded" : "failed");
        logger.Dispose();
        options.Output.Flush();
        return succeeded ? ExitSucceeded : aborted ? ExitAborted : ExitFailed;
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
            return new(node.Name, TargetStatus.Succeeded, watch.Elapsed, options.Redactor.Redact(build.TakeNote()));
        }
        catch (Exception exception) when (exception is OperationCanceledException && options.Cancellation.IsCancellationRequested)
        {
            logger.Warning("{Target} aborted", node.Name);
            build.OnTargetFailed(node.Name);
            build.TakeNote();
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
        build.TakeNote();
        return new(node.Name, TargetStatus.Failed, elapsed, FirstLine(options.Redactor.Redact(message)));
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 100 ? line[..97] + "..." : line;
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        bool b => !b,
        Array a => a.Length == 0,
        _ => false,
    };

    private static string? ToText(object? value) => value switch
    {
        null => null,
        Array array => string.Join(",", array.Cast<object?>().Select(v => v?.ToString())),
        TimeSpan span => Duration.Format(span),
        DateOnly day => day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static LogEventLevel ParseVerbosity(string? verbosity) => BuildName.Normalize(verbosity ?? "normal") switch
    {
        "quiet" => LogEventLevel.Error,
        "minimal" => LogEventLevel.Warning,
        "normal" => LogEventLevel.Information,
        "verbose" or "detailed" or "diagnostic" => LogEventLevel.Debug,
        _ => throw new BuildSetupException($"--verbosity '{verbosity}' is not one of quiet, minimal, normal, verbose."),
    };

    /// <summary>--root, else the nearest folder upwards holding .nuke/, else the nearest holding the build's own files.</summary>
    private static AbsolutePath FindRoot(string? explicitRoot, string workingDirectory)
    {
        if (explicitRoot is not null)
        {
            var root = Path.GetFullPath(explicitRoot, workingDirectory);
            return Directory.Exists(root) ? new AbsolutePath(root) : throw new BuildSetupException($"--root {explicitRoot}: folder not found.");
        }
        foreach (var start in new[] { workingDirectory, AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (Directory.Exists(Path.Combine(folder.FullName, ".nuke"))) return new AbsolutePath(folder.FullName);
        throw new BuildSetupException($"No .nuke folder found above {workingDirectory}. Run the build from the repository, or pass --root.");
    }
}
