using System.Runtime.InteropServices;
using Pipeline.Core.Processes;
using Pipeline.Core.Redaction;

namespace Pipeline.Targets;

/// <summary>Everything the engine takes from its surroundings; tests pass their own.</summary>
internal sealed record BuildHostOptions
{
    public required IReadOnlyList<string> Arguments { get; init; }
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required string WorkingDirectory { get; init; }
    public required TextWriter Output { get; init; }
    /// <summary>Where setup errors go (stderr for the process); defaults to <see cref="Output"/>.</summary>
    public TextWriter? ErrorOutput { get; init; }
    public CancellationToken Cancellation { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    public SecretRedactor Redactor { get; init; } = SecretRedactor.Global;
    /// <summary>Replace the process console (Console.Out/Error, Spectre's AnsiConsole) with redacting writers.</summary>
    public bool OwnsProcessConsole { get; init; }

    /// <summary>The exit code after SIGTERM: 128 + 15, as a shell reports a process ended by it.</summary>
    public const int ExitTerminated = 143;

    private static PosixSignalRegistration? _termination;

    public static BuildHostOptions FromProcess()
    {
        var redactor = SecretRedactor.Global;
        var output = new RedactingTextWriter(Console.Out, redactor);
        Console.SetOut(output);
        var error = new RedactingTextWriter(Console.Error, redactor);
        Console.SetError(error);
        var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            // A second Ctrl-C ends the process at once, but leaves nothing running and no half-written file.
            if (cancellation.IsCancellationRequested) StopNow("Ctrl-C again", BuildHost.ExitAborted);
            Console.Error.WriteLine("Ctrl-C: aborting the running target (press again to kill the build)...");
            cancellation.Cancel();
        };
        // SIGTERM (a CI job cancelled, `timeout`, `kill`) gives no time for a graceful abort: as a second Ctrl-C.
        _termination ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            StopNow("Terminated", ExitTerminated);
        });
        var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? string.Empty);
        return new BuildHostOptions
        {
            Arguments = System.Environment.GetCommandLineArgs().Skip(1).ToArray(),
            Environment = environment,
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Output = output,
            ErrorOutput = error,
            Cancellation = cancellation.Token,
            Redactor = redactor,
            OwnsProcessConsole = true,
        };
    }

    /// <summary>Stops every process the run started, deletes its unfinished files and exits.</summary>
    private static void StopNow(string reason, int exitCode)
    {
        Console.Error.WriteLine($"{reason}: stopping every process the build started and exiting.");
        ProcessLedger.Current?.Abandon();
        System.Environment.Exit(exitCode);
    }
}
