using Pipeline.Core.Errors;
using Pipeline.Core.Logging;
using Pipeline.Core.Redaction;
using Serilog;
using Serilog.Events;

namespace Pipeline.Targets;

/// <summary>Runs a build: command line, parameters, plan, execution, summary, exit code.</summary>
internal static class BuildHost
{
    public const int ExitSucceeded = 0, ExitFailed = 1, ExitSetupError = 2, ExitAborted = 130;

    public static int Run(NukeBuild build, string defaultTarget, BuildHostOptions options)
    {
        var output = options.Output;
        try
        {
            var commandLine = new CommandLine(options.Arguments);
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

            var resolved = ResolveParameters(build, parameters, commandLine, options);
            SchemaWriter.UpdateIfStale(build, parameters, graph);

            var invoked = commandLine.Targets.Count > 0 ? commandLine.Targets : [defaultTarget];
            IReadOnlyList<string>? skip = commandLine.TryGet("skip", out var skipped) ? skipped : null;
            var plan = ExecutionPlan.Create(graph, invoked, skip);
            if (WorkspaceFolders.FirstUnwritable(build.RootDirectory, commandLine.Has("plan") ? [build.TemporaryDirectory]
                    : [build.RootDirectory / "reports", build.RootDirectory / "reports" / "logs", build.TemporaryDirectory]) is { } unwritable)
                return WriteError(options, unwritable, ExitFailed);
            if (commandLine.Has("plan"))
            {
                PlanWriter.Write(output, plan, graph, Path.Combine(build.TemporaryDirectory, "plan.md"));
                return ExitSucceeded;
            }
            RequirementCheck.EnsureMet(build, parameters, plan);

            build.ResolvedParameters = resolved;
            build.InvokedTargets = [.. plan.Order.Where(plan.Invoked.Contains).Select(n => new ExecutableTarget(n.Name))];
            var verbosity = ParseVerbosity(commandLine.Single("verbosity"));
            return TargetExecutor.Execute(build, plan, options, verbosity);
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

    /// <summary>
    /// Applies command line, profiles, environment and defaults; registers every [Secret] value and every credential
    /// inside a URL with the redactor before anything prints them.
    /// </summary>
    private static IReadOnlyList<ResolvedParameter> ResolveParameters(NukeBuild build, IReadOnlyList<BuildParameter> parameters,
        CommandLine commandLine, BuildHostOptions options)
    {
        var resolver = new ParameterResolver(parameters, commandLine, options.Environment, build.RootDirectory, options.WorkingDirectory, options.Redactor);
        resolver.Apply(build);
        var values = parameters.Select(p => (Parameter: p, Text: ParameterText.Of(p.GetValue(build)))).ToList();
        foreach (var (parameter, text) in values)
        {
            if (parameter.IsSecret) options.Redactor.Register(text);
            // Initializers and environment alike: a URL's credential is masked wherever the URL is printed.
            UrlCredentials.Register(options.Redactor, text);
        }
        foreach (var warning in resolver.Warnings) WriteError(options, warning, prefix: "warning");
        return [.. values.Select(v => new ResolvedParameter(v.Parameter.Name, v.Parameter.IsSecret,
            v.Parameter.IsSecret ? (v.Text is null ? "" : SecretRedactor.Mask(v.Text)) : UrlCredentials.Mask(v.Text ?? string.Empty)))];
    }

    internal static int WriteError(BuildHostOptions options, string message, int exitCode = ExitFailed, string prefix = "error")
    {
        var error = options.ErrorOutput ?? options.Output;
        error.WriteLine($"{prefix}: {options.Redactor.Redact(message)}");
        error.Flush();
        return exitCode;
    }

    /// <summary>The console's line for a bug: its type and message, and where its stack trace is.</summary>
    internal static string UnexpectedLine(Exception exception, string root, string logFile) =>
        $"{exception.GetType().Name}: {exception.Message} (stack trace in {Path.GetRelativePath(root, logFile)})";

    /// <summary>A bug, not the user's input: one line on the console, the stack trace in the log file.</summary>
    private static int WriteUnexpected(NukeBuild build, BuildHostOptions options, Exception exception)
    {
        try
        {
            var (logger, logFile) = BuildLog.Create(build.RootDirectory, options.Clock.GetLocalNow(), LogEventLevel.Fatal, options.Redactor, TextWriter.Null);
            logger.Fatal(exception, "The build could not start: {Message}", exception.Message);
            logger.Dispose();
            return WriteError(options, UnexpectedLine(exception, build.RootDirectory, logFile), ExitFailed);
        }
        catch (Exception logFailure) when (logFailure is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // No log file to keep the trace in: the console is the only place left.
            return WriteError(options, exception.ToString(), ExitFailed);
        }
    }

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
